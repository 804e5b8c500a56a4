using Simulation.Model.Engine;
using Simulation.Tests.Support;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Tests.Model;

public class ScheduleTests
{
    [Theory]
    [InlineData(EntityKind.Council, Phase.Commission, 0, Phase.Deliver)]    // council funds itself in-house
    [InlineData(EntityKind.Council, Phase.Deliver, 1, Phase.Commission)]    // report reaches the council next month
    [InlineData(EntityKind.Inspector, Phase.Deliver, 0, Phase.Inspect)]     // report reaches the inspector this month
    [InlineData(EntityKind.Department, Phase.Inspect, 1, Phase.Govern)]     // judgement reaches the Department next month
    [InlineData(EntityKind.Trust, Phase.Commission, 0, Phase.Transfer)]     // handover reaches the trust this month
    [InlineData(EntityKind.Council, Phase.Transfer, 0, Phase.Deliver)]      // a returned service is run this month
    [InlineData(EntityKind.Partner, Phase.Govern, 0, Phase.Support)]        // a required partner starts this month
    [InlineData(EntityKind.Council, Phase.Support, 0, Phase.Commission)]    // partner support is used this month
    public void Messages_arrive_at_the_recipients_next_phase(EntityKind kind, Phase sent, int offset, Phase arrives) =>
        Assert.Equal((offset, arrives), Schedule.Arrival(kind, sent));

    [Fact]
    public void Delivery_order_does_not_depend_on_posting_order()
    {
        var to = Address.Council("a");
        Parcel From(Address from, Phase sentIn, params string[] names) =>
            new(from, to, sentIn, [.. Enumerable.Range(0, 3).SelectMany(r => names.Select((n, i) => new Letter(r, i, new Milestone(n, ""))))]);
        List<Parcel> parcels =
        [
            From(Address.Inspector, Phase.Inspect, "i"),
            From(Address.Department, Phase.Govern, "d0", "d1"),
            From(Address.Partner("p"), Phase.Support, "p"),
            From(Address.Department, Phase.Commission, "d2"),
        ];
        var month = Month.Parse("2010-01");
        List<string> Collected(IEnumerable<Parcel> order)
        {
            var post = new PostOffice();
            foreach (var p in order) post.Inject(month, p);
            var inbox = post.Collect(month, Phase.Commission).Values.Single();
            var cursors = new int[inbox.Length];
            var read = new List<string>();
            for (var r = 0; r < 3; r++)
            {
                var mail = new List<Envelope>();
                Mailbag.Take(inbox, cursors, r, mail);
                read.AddRange(mail.Select(e => $"{r}:{((Milestone)e.Message).Name}"));
            }
            Assert.True(Mailbag.Emptied(inbox, cursors));
            return read;
        }
        var forward = Collected(parcels);
        Assert.Equal(forward, Collected(Enumerable.Reverse(parcels)));
        Assert.Equal(forward, Collected(parcels.OrderBy(p => p.GetHashCode())));
        Assert.Equal(["0:d0", "0:d1", "0:d2", "0:p", "0:i", "1:d0"], forward.Take(6));
        Assert.Equal(15, forward.Count);
    }

    [Fact]
    public void A_second_parcel_from_the_same_sender_and_phase_is_refused()
    {
        var to = Address.Council("a");
        var month = Month.Parse("2010-01");
        var post = new PostOffice();
        post.Inject(month, new Parcel(Address.Department, to, Phase.Govern, [new Letter(0, 0, new Milestone("x", ""))]));
        post.Inject(month, new Parcel(Address.Department, to, Phase.Govern, [new Letter(0, 1, new Milestone("y", ""))]));
        Assert.Throws<InvalidOperationException>(() => post.Collect(month, Phase.Commission));
    }

    [Fact]
    public void A_host_refuses_mail_out_of_replicate_order()
    {
        var setup = Worlds.Setup(replicates: 2);
        var host = new EntityHost(Address.Department, setup, 0);
        var month = setup.Start;
        var unsorted = new Parcel(Address.Scenario, Address.Department, Phase.Govern,
            [new Letter(1, 0, new Milestone("b", "")), new Letter(0, 0, new Milestone("a", ""))]);
        Assert.Throws<InvalidOperationException>(() => host.Step(new PhaseInput(month, Phase.Govern, [unsorted])));
    }
}
