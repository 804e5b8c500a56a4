using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Simulation.Model.World;

namespace Simulation.Model.Engine;

/// <summary>One replicate's message in a <see cref="Parcel"/>.</summary>
public readonly record struct Letter(int Replicate, int Sequence, IMessage Message);

/// <summary>
/// Everything one entity's block of replicates sent one recipient in one phase: the unit the post
/// office routes. Letters are in replicate order and, within a replicate, in the order sent, and
/// all belong to one block of replicates. Carrying a block's mail as one parcel, not an envelope
/// per replicate, keeps the mail in transit small (it lives until its phase, long enough to be
/// promoted by the collector) and leaves the post office one item to route per block, not per
/// message (docs/PERFORMANCE.md).
/// </summary>
public sealed record Parcel(Address From, Address To, Phase SentIn, ImmutableArray<Letter> Letters)
{
    /// <summary>
    /// Inbox order of a recipient's parcels: by sender, then phase sent. One sender block sends a
    /// recipient at most one parcel per phase, so this order is total.
    /// </summary>
    public static int CompareOrder(Parcel a, Parcel b)
    {
        var c = a.From.CompareTo(b.From);
        return c != 0 ? c : ((int)a.SentIn).CompareTo((int)b.SentIn);
    }
}

/// <summary>Reads a block's parcels replicate by replicate, as envelopes in inbox order.</summary>
public static class Mailbag
{
    /// <summary>
    /// Appends <paramref name="replicate"/>'s mail to <paramref name="into"/>: parcel by parcel (the
    /// parcels are in <see cref="Parcel.CompareOrder"/>), each parcel's letters for that replicate in
    /// the order sent. <paramref name="cursors"/> holds each parcel's next letter; replicates must
    /// be read in increasing order.
    /// </summary>
    public static void Take(ImmutableArray<Parcel> parcels, Span<int> cursors, int replicate, List<Envelope> into)
    {
        for (var p = 0; p < parcels.Length; p++)
        {
            var parcel = parcels[p];
            var letters = parcel.Letters;
            var c = cursors[p];
            while (c < letters.Length && letters[c].Replicate == replicate)
            {
                var letter = letters[c++];
                into.Add(new Envelope(parcel.From, parcel.To, parcel.SentIn, letter.Sequence, letter.Message));
            }
            cursors[p] = c;
        }
    }

    /// <summary>Whether every letter was taken: false if a parcel was out of replicate order or held other replicates.</summary>
    public static bool Emptied(ImmutableArray<Parcel> parcels, ReadOnlySpan<int> cursors)
    {
        for (var p = 0; p < parcels.Length; p++)
        {
            if (cursors[p] != parcels[p].Letters.Length) return false;
        }
        return true;
    }
}

/// <summary>
/// An actor step's outgoing mail, kept by recipient until it is made into parcels. Each recipient's
/// buffer starts as large as its parcel was last time (the sizes given to <see cref="Begin"/>, updated
/// when frozen), or the first capacity the first time, so that it is neither regrown nor trimmed. A
/// host keeps one outbox and begins it every step: the buffers and the list of recipients are
/// reused, only the letters' arrays leave with the parcels.
/// </summary>
public sealed class Outbox
{
    // Few recipients per step (a council's: the inspector and its region), so a list searched in order.
    private readonly List<(Address To, RecordBuffer<Letter> Letters)> _byRecipient = [];
    private readonly Stack<RecordBuffer<Letter>> _spare = [];
    private Dictionary<Address, int> _sizes = [];
    private int _firstCapacity;

    /// <summary>Starts a step: <paramref name="sizes"/> are the parcels' sizes last time for this phase; anything a failed step left is dropped.</summary>
    public void Begin(Dictionary<Address, int> sizes, int firstCapacity)
    {
        foreach (var (_, letters) in _byRecipient) _spare.Push(letters);
        _byRecipient.Clear();
        _sizes = sizes;
        _firstCapacity = firstCapacity;
    }

    public void Add(Address to, Letter letter)
    {
        RecordBuffer<Letter>? letters = null;
        foreach (var (recipient, buffer) in _byRecipient)
        {
            if (recipient == to)
            {
                letters = buffer;
                break;
            }
        }
        if (letters is null)
        {
            var capacity = _sizes.TryGetValue(to, out var size) ? size : _firstCapacity;
            if (_spare.TryPop(out letters)) letters.Reset(capacity);
            else letters = new RecordBuffer<Letter>(capacity);
            _byRecipient.Add((to, letters));
        }
        letters.Add(letter);
    }

    /// <summary>One parcel per recipient, in the order each was first sent to.</summary>
    public ImmutableArray<Parcel> Freeze(Address from, Phase sentIn)
    {
        if (_byRecipient.Count == 0) return [];
        var parcels = new Parcel[_byRecipient.Count];
        for (var i = 0; i < parcels.Length; i++)
        {
            var (to, letters) = _byRecipient[i];
            _sizes[to] = letters.Count;
            parcels[i] = new Parcel(from, to, sentIn, letters.Freeze());
            _spare.Push(letters);
        }
        _byRecipient.Clear();
        return ImmutableCollectionsMarshal.AsImmutableArray(parcels);
    }
}
