using System.Collections.Immutable;
using Simulation.Model.Time;

namespace Simulation.Model.World;

/// <summary>
/// Holds messages between phases and hands each recipient (an entity's block of replicates) its
/// mail at its next acting phase, sorted so that delivery order never depends on which grain
/// finished first. Mail is kept by recipient as it is posted, so only each recipient's few
/// messages are sorted, never a phase's whole post.
/// </summary>
public sealed class PostOffice(int shardSize = int.MaxValue)
{
    private readonly Dictionary<(int Month, Phase Phase), Dictionary<(Address, int), RecordBuffer<Delivery>>> _pending = [];

    // What each recipient received in each phase last time: its buffer starts that large, so a
    // month's mail is neither regrown nor copied on its way to the inbox.
    private readonly Dictionary<(Phase, Address, int), int> _lastSizes = [];

    public int Pending => _pending.Values.Sum(byRecipient => byRecipient.Values.Sum(l => l.Count));

    /// <summary>The mail not yet delivered, by the month and phase it is due in.</summary>
    public ImmutableArray<PendingMail> Save() =>
        [.. _pending.OrderBy(p => p.Key.Month).ThenBy(p => p.Key.Phase)
            .Select(p => new PendingMail(p.Key.Month, p.Key.Phase, [.. p.Value.Values.SelectMany(b => b.AsSpan().ToArray())]))];

    /// <summary>Replaces the mail in transit with a saved one. Collect sorts each inbox, so the order within doesn't matter.</summary>
    public void Restore(ImmutableArray<PendingMail> mail)
    {
        _pending.Clear();
        foreach (var m in mail)
        {
            foreach (var d in m.Deliveries) Add((m.Month, m.Phase), d);
        }
    }

    public void Post(Month sentMonth, Phase sentIn, IEnumerable<Delivery> deliveries)
    {
        foreach (var d in deliveries)
        {
            var (offset, phase) = Schedule.Arrival(d.Envelope.To.Kind, sentIn);
            Add((sentMonth.Index + offset, phase), d);
        }
    }

    /// <summary>Scripted inputs arrive at the recipient's first phase of their month.</summary>
    public void Inject(Month month, Delivery delivery) =>
        Add((month.Index, Schedule.First(delivery.Envelope.To.Kind)), delivery);

    /// <summary>Removes and returns the mail due in this phase by recipient and shard, each sorted.</summary>
    public Dictionary<(Address Entity, int Shard), ImmutableArray<Delivery>> Collect(Month month, Phase phase)
    {
        var mail = new Dictionary<(Address Entity, int Shard), ImmutableArray<Delivery>>();
        if (!_pending.Remove((month.Index, phase), out var byRecipient)) return mail;
        foreach (var ((to, shard), buffer) in byRecipient)
        {
            _lastSizes[(phase, to, shard)] = buffer.Count;
            Sort(buffer.AsSpan());
            mail[(to, shard)] = buffer.Freeze();
        }
        return mail;
    }

    /// <summary>
    /// Sorts one recipient's mail into <see cref="DeliveryOrder"/>: a stable pass by replicate, then
    /// insertion sort within each replicate. Mail is posted in the runner's fixed sender order, so
    /// each replicate's few messages are nearly sorted already and this is close to linear, where a
    /// comparison sort of the inspector's thousands of reports was not. The order is the
    /// comparison's total order whatever the posting order.
    /// </summary>
    private static void Sort(Span<Delivery> span)
    {
        ReplicateOrder.Sorted<Delivery>(span, static d => d.Replicate).CopyTo(span);
        for (var i = 1; i < span.Length; i++)
        {
            var d = span[i];
            var j = i - 1;
            while (j >= 0 && DeliveryOrder.Compare(span[j], d) > 0)
            {
                span[j + 1] = span[j];
                j--;
            }
            span[j + 1] = d;
        }
    }

    private void Add((int, Phase Phase) key, Delivery d)
    {
        if (!_pending.TryGetValue(key, out var byRecipient)) _pending[key] = byRecipient = [];
        var recipient = (d.Envelope.To, d.Replicate / shardSize);
        if (!byRecipient.TryGetValue(recipient, out var buffer))
        {
            byRecipient[recipient] = buffer = new(_lastSizes.GetValueOrDefault((key.Phase, recipient.To, recipient.Item2)));
        }
        buffer.Add(d);
    }
}
