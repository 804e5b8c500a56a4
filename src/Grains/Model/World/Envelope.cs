namespace Simulation.Model.World;

/// <summary>Marker for the immutable records entities send each other.</summary>
public interface IMessage;

/// <summary>
/// A message in transit. (From, SentIn, Sequence) is unique within a month and replicate, so
/// sorting inboxes by it makes delivery order independent of scheduling.
/// </summary>
public sealed record Envelope(Address From, Address To, Phase SentIn, int Sequence, IMessage Message);

/// <summary>An envelope within one replicate's world.</summary>
public readonly record struct Delivery(int Replicate, Envelope Envelope);

public static class DeliveryOrder
{
    /// <summary>Replicate, then recipient, then sender, phase sent and sequence.</summary>
    public static readonly Comparison<Delivery> Compare = (a, b) =>
    {
        var c = a.Replicate.CompareTo(b.Replicate);
        if (c != 0) return c;
        c = a.Envelope.To.CompareTo(b.Envelope.To);
        if (c != 0) return c;
        c = a.Envelope.From.CompareTo(b.Envelope.From);
        if (c != 0) return c;
        c = ((int)a.Envelope.SentIn).CompareTo((int)b.Envelope.SentIn);
        return c != 0 ? c : a.Envelope.Sequence.CompareTo(b.Envelope.Sequence);
    };
}
