namespace SoundGraph.Taste.Time;

/// <summary>The running sums of one week while <see cref="WeeklyAggregator"/> reads the plays.</summary>
internal sealed class WeekAccumulator
{
    private readonly WeightedMoments[] _axes = new WeightedMoments[MoodAxes.All.Count];
    private readonly double[] _grid = new double[EnergyValenceGrid.Cells];
    private readonly TagMix _tags = new();
    private int _plays;
    private double _minutes;
    private double _coveredMinutes;

    /// <summary>Adds one counted play of <paramref name="minutes"/> whose track has <paramref name="axes"/> (null:
    /// unknown track) and <paramref name="tags"/> (tag → weight; null: none). NaN and infinite values count as missing.</summary>
    public void Add(double minutes, IReadOnlyDictionary<MoodAxis, double>? axes, IReadOnlyDictionary<string, double>? tags = null)
    {
        _plays++;
        _minutes += minutes;
        _tags.Add(minutes, tags);
        if (axes is null)
        {
            return;
        }

        foreach (var (axis, value) in axes)
        {
            if (double.IsFinite(value) && (int)axis >= 0 && (int)axis < _axes.Length)
            {
                _axes[(int)axis].Add(value, minutes);
            }
        }

        if (axes.TryGetValue(MoodAxis.Energy, out var energy) && double.IsFinite(energy)
            && axes.TryGetValue(MoodAxis.Valence, out var valence) && double.IsFinite(valence))
        {
            _coveredMinutes += minutes;
            _grid[EnergyValenceGrid.Cell(energy, valence)] += minutes;
        }
    }

    /// <summary>The week's figures.</summary>
    public WeekTaste ToWeek(IsoWeek week)
    {
        var axes = new Dictionary<MoodAxis, AxisWeek>();
        foreach (var axis in MoodAxes.All)
        {
            if (_axes[(int)axis].ToAxisWeek() is { } moments)
            {
                axes[axis] = moments;
            }
        }

        var coverage = _minutes > 0 ? _coveredMinutes / _minutes : 0;
        return new WeekTaste(week, _plays, _minutes, coverage, axes, EnergyValenceGrid.Diversity(_grid), _tags.Diversity());
    }
}
