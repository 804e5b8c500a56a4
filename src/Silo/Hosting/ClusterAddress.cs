using System.Globalization;
using StackExchange.Redis;

namespace Simulation.Silo.Hosting;

/// <summary>Where a cluster's silos find each other: a Redis server, written <c>redis://HOST:PORT</c>.</summary>
public sealed record ClusterAddress(string Host, int Port)
{
    public const string Example = "redis://127.0.0.1:6379";

    /// <summary>Parses <c>redis://HOST[:PORT]</c> (port 6379 by default); the message says what is wrong.</summary>
    public static bool TryParse(string? text, out ClusterAddress? address, out string error)
    {
        address = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != "redis")
        {
            error = $"'{text}' is not a Redis address; expected redis://HOST:PORT, e.g. {Example}";
            return false;
        }
        if (string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{text}' names no host; expected redis://HOST:PORT, e.g. {Example}";
            return false;
        }
        if (uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            error = $"'{text}': only redis://HOST:PORT is understood (no database, user or options)";
            return false;
        }
        address = new ClusterAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
        return true;
    }

    /// <summary>StackExchange.Redis settings: fail fast when Redis is down instead of retrying for minutes.</summary>
    public ConfigurationOptions Redis()
    {
        var options = ConfigurationOptions.Parse(string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}"));
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 5000;
        options.SyncTimeout = 10000;
        options.AsyncTimeout = 10000;
        return options;
    }

    /// <summary>
    /// Checks that Redis answers at this address, within a few seconds. Orleans' providers would
    /// otherwise keep retrying for minutes; this turns an unreachable Redis into one clear error.
    /// </summary>
    public async Task<string?> ProblemAsync()
    {
        var options = Redis();
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            await connection.GetDatabase().PingAsync();
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return $"no Redis answers at {this} ({e.GetType().Name}); start one (scripts/cluster.sh start) or check the address";
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"redis://{Host}:{Port}");
}
