using SoundGraph.Core.Relations;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Postgres;

/// <summary>unveil's related-items statements read <c>relation_lists</c> (directly or through the <c>relations</c> and
/// <c>relation_evidence</c> views) through its primary-key index.</summary>
public sealed class QueryPlanTests
{
    [Theory]
    [StoreProviders]
    public async Task ExplainRelated_RelationsOf120kRows_UsesIndexesNotSequentialScans(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        // 2,000 sources × 60 neighbours = 120,000 rows (≥ 100k), each with an evidence sample, plus a second kind.
        var rows = new List<Relation>(120_000);
        for (var src = 1L; src <= 2000; src++)
        {
            for (var k = 0; k < 60; k++)
            {
                rows.Add(new Relation(RelationKind.TrackCoPlaylist, src, 10_000 + ((src + k) % 5000), 1.0 / (k + 1), 60 - k, [src, src + 1]));
            }
        }

        Assert.Equal(120_000, await temp.Store.Relations.ReplaceRelationsAsync(RelationKind.TrackCoPlaylist, rows, DateTimeOffset.UnixEpoch));
        var plans = await temp.Store.Unveil.ExplainRelatedAsync(RelationKind.TrackCoPlaylist, 1234);
        var touching = plans.Where(p => p.Contains("FROM relation", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, touching.Count); // ranked rows with evidence, the any-row check, the evidence names
        foreach (var plan in touching)
        {
            var text = plan[plan.IndexOf('\n', StringComparison.Ordinal)..];
            if (provider == "postgres")
            {
                Assert.DoesNotContain("Seq Scan on relation_lists", text, StringComparison.Ordinal);
                Assert.Contains("Index", text, StringComparison.Ordinal);
            }
            else
            {
                // SQLite: "SCAN relation_lists" (or its alias) would be a full scan; the primary key's index is
                // sqlite_autoindex_relation_lists_1. json_each over one row's list shows as "SCAN j VIRTUAL TABLE".
                Assert.DoesNotMatch(@"SCAN (relation_lists|l|r|e|ev)( |$)", text);
                Assert.Contains("INDEX sqlite_autoindex_relation_lists_1", text, StringComparison.Ordinal);
            }
        }
    }
}
