using System.Globalization;
using StackExchange.Redis;

namespace Simulation.Silo.Hosting;

/// <summary>
/// Where a cluster's silos find each other: a Redis server, written <c>redis://HOST:PORT</c>, or
/// <c>rediss://HOST:PORT</c> for TLS, with a password as <c>redis://:PASSWORD@HOST:PORT</c> or in
/// the environment variable <see cref="PasswordVariable"/>. The password is never shown:
/// <see cref="ToString"/> leaves it out, and so does every message built from an address.
/// </summary>
public sealed record ClusterAddress(string Host, int Port)
{
    public const string Example = "redis://127.0.0.1:6379";

    /// <summary>The environment variable a Redis password is read from when the address gives none.</summary>
    public const string PasswordVariable = "SIMULATION_REDIS_PASSWORD";

    /// <summary>Redis's password, or null for none.</summary>
    public string? Password { get; init; }

    /// <summary>Whether the connection to Redis uses TLS (<c>rediss://</c>).</summary>
    public bool Tls { get; init; }

    /// <summary>
    /// Parses <c>redis://HOST[:PORT]</c> or <c>rediss://…</c> (port 6379 by default), with an
    /// optional <c>:PASSWORD@</c> (else the password from <see cref="PasswordVariable"/>, if set); the
    /// message says what is wrong, never quoting a password.
    /// </summary>
    public static bool TryParse(string? text, out ClusterAddress? address, out string error)
    {
        address = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss"))
        {
            error = $"'{Shown(text)}' is not a Redis address; expected redis://HOST:PORT (or rediss:// for TLS), e.g. {Example}";
            return false;
        }
        if (string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{Shown(text)}' names no host; expected redis://HOST:PORT, e.g. {Example}";
            return false;
        }
        if (uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0)
        {
            error = $"'{Shown(text)}': only redis://[:PASSWORD@]HOST:PORT is understood (no database or options)";
            return false;
        }
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                error = $"'{Shown(text)}': Redis users are not supported; give only a password, redis://:PASSWORD@HOST:PORT";
                return false;
            }
            password = Uri.UnescapeDataString(colon == 0 ? uri.UserInfo[1..] : uri.UserInfo);
        }
        if (string.IsNullOrEmpty(password)) password = Environment.GetEnvironmentVariable(PasswordVariable);
        address = new ClusterAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port)
        {
            Password = string.IsNullOrEmpty(password) ? null : password,
            Tls = uri.Scheme == "rediss",
        };
        return true;
    }

    /// <summary>An address as typed, with any password replaced by ***, for messages.</summary>
    private static string Shown(string? text)
    {
        if (text is null) return "";
        var at = text.LastIndexOf('@');
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme >= 0 && at > scheme ? text[..(scheme + 3)] + "***" + text[at..] : text;
    }

    /// <summary>StackExchange.Redis settings: fail fast when Redis is down instead of retrying for minutes.</summary>
    public ConfigurationOptions Redis()
    {
        var options = ConfigurationOptions.Parse(string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}"));
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 5000;
        options.SyncTimeout = 10000;
        options.AsyncTimeout = 10000;
        options.Password = Password;
        options.Ssl = Tls;
        if (Tls) options.SslHost = Host;
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
            if (e.Message.Contains("NOAUTH", StringComparison.Ordinal) || e.Message.Contains("WRONGPASS", StringComparison.Ordinal)
                || e.Message.Contains("AuthenticationFailure", StringComparison.Ordinal) || e.Message.Contains("invalid password", StringComparison.OrdinalIgnoreCase))
            {
                return Password is null
                    ? $"Redis at {this} requires a password; give it as redis://:PASSWORD@HOST:PORT or in {PasswordVariable}"
                    : $"Redis at {this} refused the password given";
            }
            return $"no Redis answers at {this} ({e.GetType().Name}); start one (scripts/cluster.sh start) or check the address";
        }
    }

    /// <summary>The address without its password.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(Tls ? "rediss" : "redis")}://{Host}:{Port}");
}
