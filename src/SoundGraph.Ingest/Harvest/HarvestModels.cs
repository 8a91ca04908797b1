using SoundGraph.Ingest.Sources.SoundCloud.Dto;

namespace SoundGraph.Ingest.Harvest;

/// <summary>What to harvest.</summary>
/// <param name="Seed">The seed track: a SoundCloud URL (resolved) or a numeric track id.</param>
/// <param name="Restart">Start a new run even when an unfinished run of this seed and configuration exists.</param>
/// <param name="Workers">Collection walks in progress at once (each walk fetches its pages in order). Default 4.</param>
/// <param name="Worker">Null (the default) for a harvest by this process alone; else this process is one of several
/// workers sharing the run through PostgreSQL (see <see cref="HarvestWorker"/>). With <see cref="HarvestWorker.RunId"/>
/// the seed is the run's and <paramref name="Seed"/> is ignored.</param>
public sealed record HarvestRequest(string Seed, bool Restart = false, int Workers = 4, HarvestWorker? Worker = null);

/// <summary>The outcome of a harvest.</summary>
/// <param name="RunId">The run (new or resumed).</param>
/// <param name="Resumed">True when an unfinished run was continued.</param>
/// <param name="Seed">The seed track.</param>
/// <param name="Stats">What was stored and what it cost.</param>
public sealed record HarvestResult(long RunId, bool Resumed, ScTrack Seed, HarvestStats Stats);

/// <summary>The seed could not be harvested (unknown, private, or not a track).</summary>
public sealed class HarvestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HarvestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public HarvestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public HarvestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
