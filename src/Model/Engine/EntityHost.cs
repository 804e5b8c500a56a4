using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Simulation.Model.World;

namespace Simulation.Model.Engine;

/// <summary>
/// One entity for a block of consecutive replicates: the unit a grain holds. Stepping a block in one
/// call keeps the cost of a grain call (tens of microseconds) small against the work it carries.
/// </summary>
public sealed class EntityHost
{
    // Null for an actor not yet created: see ActorFactory.StartsIdle.
    private readonly Actor?[] _actors;
    private readonly WorldSetup _setup;

    // How many metric entries each phase produced last time: the next step's buffer starts that
    // large, so it is not regrown (and copied) value by value every month.
    private readonly int[] _metricSizes = new int[Enum.GetValues<Phase>().Length];
    // Letters each recipient got from each phase last time, likewise.
    private readonly Dictionary<Address, int>?[] _letterSizes = new Dictionary<Address, int>?[Enum.GetValues<Phase>().Length];

    // One replicate's inbox at a time, reused: a host steps on one thread.
    private readonly List<Envelope> _mail = [];

    // The step's output buffers, reused likewise: a step freezes everything it hands on.
    private readonly ActorOutput _output = new(new Outbox(), 0);

    public EntityHost(Address address, WorldSetup setup, int shard)
    {
        Address = address;
        Shard = shard;
        var (first, count) = setup.ShardRange(shard);
        FirstReplicate = first;
        _setup = setup;
        _actors = new Actor?[count];
        if (ActorFactory.StartsIdle(address.Kind)) return;
        for (var i = 0; i < count; i++) _actors[i] = ActorFactory.Create(address, setup, first + i);
    }

    public Address Address { get; }
    public int Shard { get; }
    public int FirstReplicate { get; }

    /// <summary>The block's state at the end of <paramref name="month"/> (the last month it was stepped in).</summary>
    public EntityHostSnapshot Save(Time.Month month) => new(month, [.. _actors.Select(a => a?.Save())]);

    /// <summary>
    /// Returns the block to a saved end of month: actors the snapshot holds are rebuilt from the setup
    /// and take its state; the others are dropped, as they had not been created yet.
    /// </summary>
    public void Restore(EntityHostSnapshot snapshot)
    {
        if (snapshot.Actors.Length != _actors.Length)
            throw new ArgumentException($"{Address} shard {Shard}: the snapshot holds {snapshot.Actors.Length} replicates, not {_actors.Length}", nameof(snapshot));
        for (var i = 0; i < _actors.Length; i++)
        {
            if (snapshot.Actors[i] is not { } saved)
            {
                _actors[i] = null;
                continue;
            }
            var actor = ActorFactory.Create(Address, _setup, FirstReplicate + i);
            actor.Restore(saved);
            _actors[i] = actor;
        }
    }

    public PhaseOutput Step(PhaseInput input)
    {
        // Buffers start as large as last time; a recipient new to this phase, with a letter per replicate.
        var phase = (int)input.Phase;
        var output = _output;
        output.Begin(_letterSizes[phase] ??= [], _actors.Length, _metricSizes[phase]);
        var inbox = input.Inbox;
        foreach (var parcel in inbox)
        {
            if (parcel.To != Address) throw new InvalidOperationException($"{Address}: a parcel for {parcel.To} was delivered here");
        }
        Span<int> cursors = inbox.Length <= 256 ? stackalloc int[inbox.Length] : new int[inbox.Length];
        var mail = _mail;
        var phaseBit = Schedule.Of(input.Phase);
        for (var i = 0; i < _actors.Length; i++)
        {
            var replicate = FirstReplicate + i;
            mail.Clear();
            Mailbag.Take(inbox, cursors, replicate, mail);
            var actor = _actors[i];
            if (actor is null)
            {
                if (mail.Count == 0) continue;
                actor = _actors[i] = ActorFactory.Create(Address, _setup, replicate);
            }
            if (mail.Count > 0 || (actor.Wakes & phaseBit) != 0) actor.Act(input.Phase, input.Month, CollectionsMarshal.AsSpan(mail), output);
        }
        mail.Clear();
        if (!Mailbag.Emptied(inbox, cursors)) throw new InvalidOperationException($"{Address}: inbox not sorted by replicate or holds replicates outside shard {Shard}");

        _metricSizes[phase] = output.Metrics.Count;
        var wakes = PhaseSet.None;
        foreach (var actor in _actors) wakes |= actor?.Wakes ?? PhaseSet.None;
        return new PhaseOutput(output.Outbox.Freeze(Address, input.Phase), output.Metrics.Freeze(), output.FreezeInspections(), output.FreezeEvents(), output.FreezeArrangements(), wakes);
    }
}
