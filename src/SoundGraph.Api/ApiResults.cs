using System.Data.Common;
using Microsoft.AspNetCore.Http;
using SoundGraph.Core.Unveil;
using SoundGraph.Storage;

namespace SoundGraph.Api;

/// <summary>Responses shared by the endpoints.</summary>
internal static class ApiResults
{
    /// <summary>404 problem: "No artist with id 999999."</summary>
    public static IResult NotFound(string kind, long id) =>
        TypedResults.Problem(detail: $"No {kind} with id {id}.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The subject of a report (kind, id, display name, key), or null when there is no such entity.</summary>
    public static async Task<UnveilSubject?> SubjectAsync(StoreReadSession session, string kind, long id, CancellationToken cancellationToken)
    {
        var entity = await session.Resolver.FindByIdAsync(kind, id, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        // The table name comes from a validated kind, never from the request text itself.
        var table = kind switch { "track" => "tracks", "artist" => "artists", _ => "users" };
        await using DbCommand command = session.Connection.CreateCommand();
#pragma warning disable CA2100 // the table name is one of three constants; the id is a parameter
        command.CommandText = $"SELECT key FROM {table} WHERE id = @id";
#pragma warning restore CA2100
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        var key = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string ?? string.Empty;
        return new UnveilSubject(kind, id, entity.Name, key);
    }
}
