using Simulation.Model.Time;

namespace Simulation.Model.World;

/// <summary>
/// Holds messages between phases and hands each recipient its mail at its next acting phase, sorted
/// so that delivery order never depends on which grain finished first.
/// </summary>
public sealed class PostOffice
{
    private readonly Dictionary<(int Month, Phase Phase), List<Delivery>> _pending = [];

    public int Pending => _pending.Values.Sum(l => l.Count);

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

    /// <summary>Removes and returns the mail due in this phase, sorted.</summary>
    public List<Delivery> Collect(Month month, Phase phase)
    {
        if (!_pending.Remove((month.Index, phase), out var list)) return [];
        list.Sort(DeliveryOrder.Compare);
        return list;
    }

    private void Add((int, Phase) key, Delivery d)
    {
        if (!_pending.TryGetValue(key, out var list)) _pending[key] = list = [];
        list.Add(d);
    }
}
