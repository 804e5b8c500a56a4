using System.Collections.Immutable;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Model.Engine;

/// <summary>
/// Holds parcels between phases and hands each recipient (an entity's block of replicates) its
/// parcels at its next acting phase, in <see cref="Parcel.CompareOrder"/>, so that delivery order
/// never depends on which grain finished first. The recipient reads them replicate by replicate
/// (<see cref="Mailbag"/>).
/// </summary>
public sealed class PostOffice(int shardSize = int.MaxValue)
{
    private readonly Dictionary<(int Month, Phase Phase), Dictionary<(Address, int), List<Parcel>>> _pending = [];
    // Emptied containers of delivered mail, for the next phases' (the post office is used on one
    // thread): they are made once, not every phase of every month.
    private readonly Stack<Dictionary<(Address, int), List<Parcel>>> _spareRecipients = [];
    private readonly Stack<List<Parcel>> _spareParcels = [];
    private readonly Dictionary<(Address Entity, int Shard), ImmutableArray<Parcel>> _collected = [];

    /// <summary>The mail not yet delivered, by the month and phase it is due in, each in recipient then inbox order.</summary>
    public ImmutableArray<PendingMail> Save() =>
        [.. _pending.OrderBy(p => p.Key.Month).ThenBy(p => p.Key.Phase)
            .Select(p => new PendingMail(p.Key.Month, p.Key.Phase,
                [.. p.Value.OrderBy(r => r.Key.Item1).ThenBy(r => r.Key.Item2).SelectMany(r => Sorted(r.Value))]))];

    /// <summary>Replaces the mail in transit with a saved one. Collect sorts each inbox, so the order within doesn't matter.</summary>
    public void Restore(ImmutableArray<PendingMail> mail)
    {
        _pending.Clear();
        foreach (var m in mail)
        {
            foreach (var p in m.Parcels) Add((m.Month, m.Phase), p);
        }
    }

    public void Post(Month sentMonth, ImmutableArray<Parcel> parcels)
    {
        foreach (var p in parcels)
        {
            var (offset, phase) = Schedule.Arrival(p.To.Kind, p.SentIn);
            Add((sentMonth.Index + offset, phase), p);
        }
    }

    /// <summary>Scripted inputs arrive at the recipient's first phase of their month.</summary>
    public void Inject(Month month, Parcel parcel) =>
        Add((month.Index, Schedule.First(parcel.To.Kind)), parcel);

    /// <summary>
    /// Removes and returns the parcels due in this phase by recipient and shard, each in inbox order.
    /// The dictionary is the post office's own, valid until the next call.
    /// </summary>
    public Dictionary<(Address Entity, int Shard), ImmutableArray<Parcel>> Collect(Month month, Phase phase)
    {
        var mail = _collected;
        mail.Clear();
        if (!_pending.Remove((month.Index, phase), out var byRecipient)) return mail;
        foreach (var (recipient, parcels) in byRecipient)
        {
            mail[recipient] = [.. Sorted(parcels)];
            parcels.Clear();
            _spareParcels.Push(parcels);
        }
        byRecipient.Clear();
        _spareRecipients.Push(byRecipient);
        return mail;
    }

    /// <summary>
    /// A recipient's parcels in <see cref="Parcel.CompareOrder"/>. Parcels are posted in the runner's
    /// fixed sender order, so they are nearly sorted and an insertion sort is close to linear.
    /// </summary>
    private static List<Parcel> Sorted(List<Parcel> parcels)
    {
        for (var i = 1; i < parcels.Count; i++)
        {
            var p = parcels[i];
            var j = i - 1;
            while (j >= 0 && Parcel.CompareOrder(parcels[j], p) > 0)
            {
                parcels[j + 1] = parcels[j];
                j--;
            }
            if (j >= 0 && Parcel.CompareOrder(parcels[j], p) == 0)
            {
                throw new InvalidOperationException(
                    $"two parcels from {p.From} sent in {p.SentIn} for {p.To}: a sender block sends a recipient one parcel per phase");
            }
            parcels[j + 1] = p;
        }
        return parcels;
    }

    private void Add((int, Phase) key, Parcel parcel)
    {
        if (parcel.Letters.IsEmpty) throw new ArgumentException($"an empty parcel from {parcel.From} for {parcel.To}", nameof(parcel));
        if (!_pending.TryGetValue(key, out var byRecipient)) _pending[key] = byRecipient = _spareRecipients.TryPop(out var spare) ? spare : [];
        var recipient = (parcel.To, parcel.Letters[0].Replicate / shardSize);
        if (!byRecipient.TryGetValue(recipient, out var parcels)) byRecipient[recipient] = parcels = _spareParcels.TryPop(out var list) ? list : [];
        parcels.Add(parcel);
    }
}
