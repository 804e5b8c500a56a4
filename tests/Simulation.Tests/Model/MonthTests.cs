using Simulation.Model.Time;

namespace Simulation.Tests.Model;

public class MonthTests
{
    [Fact]
    public void Parses_and_prints_YYYY_MM()
    {
        var m = Month.Parse("2014-10");
        Assert.Equal(2014, m.Year);
        Assert.Equal(10, m.CalendarMonth);
        Assert.Equal("2014-10", m.ToString());
        Assert.Equal("2015-01", (m + 3).ToString());
        Assert.Equal("2013-12", (m - 10).ToString());
        Assert.Equal(12, Month.Parse("2015-10").MonthsSince(Month.Parse("2014-10")));
    }

    [Theory]
    [InlineData("2014-13")]
    [InlineData("2014-00")]
    [InlineData("2014-1")]
    [InlineData("14-10")]
    [InlineData("2014/10")]
    [InlineData("")]
    [InlineData("October 2014")]
    public void Rejects_anything_else(string text) => Assert.False(Month.TryParse(text, out _));

    [Fact]
    public void April_starts_the_financial_year() => Assert.True(Month.Parse("2013-04").StartsFinancialYear);
}
