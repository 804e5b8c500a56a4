using Simulation.Model.Engine;

namespace Simulation.Model.World;

/// <summary>Marker for the immutable records entities send each other.</summary>
public interface IMessage;

/// <summary>
/// A message as its recipient reads it. (From, SentIn, Sequence) is unique within a month and
/// replicate, and an inbox is in that order, so delivery order never depends on scheduling. A
/// value made as the inbox is read: mail travels in <see cref="Parcel"/>s.
/// </summary>
public readonly record struct Envelope(Address From, Address To, Phase SentIn, int Sequence, IMessage Message);
