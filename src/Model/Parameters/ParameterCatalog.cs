using System.Collections.Frozen;
using System.Reflection;
using System.Text;

namespace Simulation.Model.Parameters;

/// <summary>One model parameter as seen from outside the code: a dotted key and its declaration.</summary>
public sealed class ParameterInfo
{
    private readonly PropertyInfo _group;
    private readonly PropertyInfo _property;

    internal ParameterInfo(PropertyInfo group, PropertyInfo property, ParameterAttribute declaration)
    {
        _group = group;
        _property = property;
        Declaration = declaration;
        Key = $"{Naming.SnakeCase(group.Name)}.{Naming.SnakeCase(property.Name)}";
        Default = Get(ModelParameters.Default);
    }

    /// <summary>Dotted snake-case key, e.g. <c>workforce.base_turnover</c>.</summary>
    public string Key { get; }

    public ParameterAttribute Declaration { get; }
    public double Default { get; }
    public string Unit => Declaration.Unit;
    public double Min => Declaration.Min;
    public double Max => Declaration.Max;
    public string Source => Declaration.Source;
    public string Description => Declaration.Description;

    /// <summary>The range the calibration searches: the declared calibration range, or the whole range.</summary>
    public double SearchLow => double.IsNaN(Declaration.Low) ? Min : Declaration.Low;

    public double SearchHigh => double.IsNaN(Declaration.High) ? Max : Declaration.High;

    public double Get(ModelParameters parameters) =>
        (double)_property.GetValue(_group.GetValue(parameters)!)!;

    /// <summary>A copy of <paramref name="parameters"/> with this parameter set to <paramref name="value"/>.</summary>
    public ModelParameters With(ModelParameters parameters, double value)
    {
        var group = RecordCopy.Of(_group.GetValue(parameters)!);
        _property.SetValue(group, value);
        var copy = (ModelParameters)RecordCopy.Of(parameters);
        _group.SetValue(copy, group);
        return copy;
    }
}

/// <summary>All model parameters, found by reflection over <see cref="ModelParameters"/>.</summary>
public static class ParameterCatalog
{
    public static IReadOnlyList<ParameterInfo> All { get; } = Discover();

    private static readonly FrozenDictionary<string, ParameterInfo> ByKey =
        All.ToFrozenDictionary(p => p.Key, StringComparer.Ordinal);

    public static bool TryGet(string key, out ParameterInfo parameter) => ByKey.TryGetValue(key, out parameter!);

    public static IEnumerable<string> Keys => All.Select(p => p.Key);

    private static List<ParameterInfo> Discover()
    {
        var list = new List<ParameterInfo>();
        foreach (var group in typeof(ModelParameters).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            foreach (var property in group.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var declaration = property.GetCustomAttribute<ParameterAttribute>()
                    ?? throw new InvalidOperationException($"{group.Name}.{property.Name} has no [Parameter] declaration");
                if (property.PropertyType != typeof(double))
                    throw new InvalidOperationException($"{group.Name}.{property.Name} must be a double");
                list.Add(new ParameterInfo(group, property, declaration));
            }
        }
        return list;
    }
}

internal static class RecordCopy
{
    // Records expose their compiler-generated copy constructor through <Clone>$.
    public static object Of(object record) =>
        record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;
}

public static class Naming
{
    /// <summary><c>BaseTurnover</c> becomes <c>base_turnover</c>.</summary>
    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
