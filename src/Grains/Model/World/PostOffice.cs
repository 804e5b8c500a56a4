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
    private readonly Dictionary<(int Month, Phase Phase), Dictionary<(Address, int), List<Delivery>>> _pending = [];

    public int Pending => _pending.Values.Sum(byRecipient => byRecipient.Values.Sum(l => l.Count));

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
    public Dictionary<(Address Entity, int Shard), List<Delivery>> Collect(Month month, Phase phase)
    {
        if (!_pending.Remove((month.Index, phase), out var byRecipient)) return [];
        foreach (var list in byRecipient.Values) Sort(list);
        return byRecipient;
    }

    /// <summary>
    /// Sorts one recipient's mail into <see cref="DeliveryOrder"/>: a stable pass by replicate, then
    /// insertion sort within each replicate. Mail is posted in the runner's fixed sender order, so
    /// each replicate's few messages are nearly sorted already and this is close to linear, where a
    /// comparison sort of the inspector's thousands of reports was not. The order is the
    /// comparison's total order whatever the posting order.
    /// </summary>
    private static void Sort(List<Delivery> list)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
        var min = int.MaxValue;
        var max = int.MinValue;
        foreach (var d in span)
        {
            min = Math.Min(min, d.Replicate);
            max = Math.Max(max, d.Replicate);
        }
        if (max > min)
        {
            var starts = new int[max - min + 2];
            foreach (var d in span) starts[d.Replicate - min + 1]++;
            for (var i = 1; i < starts.Length; i++) starts[i] += starts[i - 1];
            var sorted = new Delivery[span.Length];
            foreach (var d in span) sorted[starts[d.Replicate - min]++] = d;
            sorted.CopyTo(span);
        }
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

    private void Add((int, Phase) key, Delivery d)
    {
        if (!_pending.TryGetValue(key, out var byRecipient)) _pending[key] = byRecipient = [];
        var recipient = (d.Envelope.To, d.Replicate / shardSize);
        if (!byRecipient.TryGetValue(recipient, out var list)) byRecipient[recipient] = list = [];
        list.Add(d);
    }
}
