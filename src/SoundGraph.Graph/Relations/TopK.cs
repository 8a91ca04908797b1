namespace SoundGraph.Graph.Relations;

/// <summary>A candidate neighbour: dense index, shared-group count and weight.</summary>
internal readonly record struct Neighbor(int Dst, int Count, double Weight)
{
    /// <summary>Ranking order: weight descending, then count descending, then dense index (= id) ascending.</summary>
    public static bool Better(in Neighbor x, in Neighbor y) =>
        x.Weight > y.Weight || (x.Weight == y.Weight && (x.Count > y.Count || (x.Count == y.Count && x.Dst < y.Dst)));
}

/// <summary>
/// Bounded min-heap keeping the best <c>k</c> of a stream of <see cref="Neighbor"/>s by <see cref="Neighbor.Better"/>.
/// O(log k) per offer; reusable after <see cref="TakeSorted"/>.
/// </summary>
internal sealed class TopK
{
    private readonly Neighbor[] _heap;
    private int _size;

    /// <summary>Creates a heap holding at most <paramref name="k"/> neighbours.</summary>
    public TopK(int k) => _heap = new Neighbor[k];

    /// <summary>True when the heap is full and a candidate with this weight and count would lose to the worst kept
    /// whatever its id: a cheap test before computing the candidate's tie-break key.</summary>
    public bool Rejects(double weight, int count) =>
        _size == _heap.Length && (weight < _heap[0].Weight || (weight == _heap[0].Weight && count < _heap[0].Count));

    /// <summary>Offers a candidate; kept if the heap is not full or it beats the worst kept.</summary>
    public void Offer(in Neighbor candidate)
    {
        var heap = _heap;
        if (_size < heap.Length)
        {
            // Sift up: the root is the worst kept.
            var i = _size++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (!Neighbor.Better(heap[parent], candidate))
                {
                    break;
                }

                heap[i] = heap[parent];
                i = parent;
            }

            heap[i] = candidate;
            return;
        }

        if (Neighbor.Better(candidate, heap[0]))
        {
            SiftDown(candidate, _size);
        }
    }

    /// <summary>Returns the kept neighbours best first and empties the heap (in-place heap sort, O(k log k)).</summary>
    public Neighbor[] TakeSorted()
    {
        var size = _size;
        if (size == 0)
        {
            return [];
        }

        // Repeatedly move the worst (root) to the end of the shrinking heap: the array ends best first.
        var heap = _heap;
        for (var end = size - 1; end > 0; end--)
        {
            var worst = heap[0];
            SiftDown(heap[end], end);
            heap[end] = worst;
        }

        _size = 0;
        return heap.AsSpan(0, size).ToArray();
    }

    /// <summary>Puts <paramref name="item"/> at the root of the heap of the first <paramref name="size"/> entries and
    /// sifts it down to its place.</summary>
    private void SiftDown(Neighbor item, int size)
    {
        var heap = _heap;
        var j = 0;
        while (true)
        {
            var child = (2 * j) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && Neighbor.Better(heap[child], heap[child + 1]))
            {
                child++;
            }

            if (!Neighbor.Better(item, heap[child]))
            {
                break;
            }

            heap[j] = heap[child];
            j = child;
        }

        heap[j] = item;
    }

}
