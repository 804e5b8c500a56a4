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
        var deliveries = new List<Delivery>();
        for (var r = 0; r < 3; r++)
        {
            deliveries.Add(new Delivery(r, new Envelope(Address.Inspector, to, Phase.Inspect, 0, new Milestone("i", ""))));
            deliveries.Add(new Delivery(r, new Envelope(Address.Department, to, Phase.Govern, 1, new Milestone("d1", ""))));
            deliveries.Add(new Delivery(r, new Envelope(Address.Department, to, Phase.Govern, 0, new Milestone("d0", ""))));
            deliveries.Add(new Delivery(r, new Envelope(Address.Partner("p"), to, Phase.Support, 0, new Milestone("p", ""))));
        }
        var month = Month.Parse("2010-01");
        List<string> Collected(IEnumerable<Delivery> order)
        {
            var post = new PostOffice();
            foreach (var d in order) post.Inject(month, d);
            return post.Collect(month, Phase.Commission).Values.Single().Select(d => $"{d.Replicate}:{((Milestone)d.Envelope.Message).Name}").ToList();
        }
        var forward = Collected(deliveries);
        Assert.Equal(forward, Collected(Enumerable.Reverse(deliveries)));
        Assert.Equal(forward, Collected(deliveries.OrderBy(d => d.Envelope.Message.GetHashCode())));
        Assert.Equal(["0:d0", "0:d1", "0:p", "0:i"], forward.Take(4));
    }
}
