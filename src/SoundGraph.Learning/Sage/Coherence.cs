namespace SoundGraph.Learning.Sage;

/// <summary>Label coherence of nearest-neighbour lists (e.g. the share of a track's neighbours by the same artist).</summary>
public static class Coherence
{
    /// <summary>Mean, over rows with a label (≥ 0) and a non-empty neighbour list, of the share of its neighbours that
    /// carry the same label (a neighbour without a label counts as different).</summary>
    /// <param name="neighbors">Neighbour indices per row (e.g. top-10 by cosine).</param>
    /// <param name="labels">Label per row; −1 for none.</param>
    /// <returns>The mean share in [0, 1], and the number of rows averaged (0 → share 0).</returns>
    public static (double Share, int Rows) Share(IReadOnlyList<IReadOnlyList<int>> neighbors, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(neighbors);
        ArgumentNullException.ThrowIfNull(labels);
        double sum = 0;
        var rows = 0;
        for (var i = 0; i < neighbors.Count; i++)
        {
            if (labels[i] < 0 || neighbors[i].Count == 0)
            {
                continue;
            }

            sum += neighbors[i].Count(j => labels[j] == labels[i]) / (double)neighbors[i].Count;
            rows++;
        }

        return (rows == 0 ? 0 : sum / rows, rows);
    }
}
