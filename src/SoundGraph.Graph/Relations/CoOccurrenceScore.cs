namespace SoundGraph.Graph.Relations;

/// <summary>How a co-occurrence pair (A, B) is weighted from its shared groups. Notation: count = |G(A) ∩ G(B)|, the
/// number of groups holding both; d(X) = |G(X)|, the number of groups holding X; |g| = the number of distinct items in g.</summary>
public enum CoOccurrenceScore
{
    /// <summary>weight = Σ over shared groups g of 1/|g|: a shared small playlist counts more than a shared huge one.
    /// As in the seed project's <c>track_cooccurrence</c> view.</summary>
    InverseGroupSizeSum = 0,

    /// <summary>weight = count / √(d(A)·d(B)): binary cosine (Salton) of the two group-membership vectors.</summary>
    Cosine = 1,

    /// <summary>weight = count / (d(A) + d(B) − count): Jaccard index |A∩B| / |A∪B| of the two group sets.</summary>
    Jaccard = 2,

    /// <summary>weight = count.</summary>
    Count = 3,
}
