using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>
/// Checks a configuration section against the record it binds to before binding: every key must be a property
/// (so a misspelt key is an error, not a silently ignored setting) and every value must convert to its property's type.
/// The binder alone would ignore the first and report the second without the form expected.
/// </summary>
internal static class ConfigurationShape
{
    public static void Check(Type type, IConfigurationSection section, List<string> problems)
    {
        var properties = SettableProperties(type);
        foreach (var child in section.GetChildren())
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                problems.Add($"{ConfigurationKeys.Describe(child.Path)} is not a known setting (expected one of {string.Join(", ", properties.Select(p => p.Name))})");
                continue;
            }

            CheckValue(property.PropertyType, child, property.IsDefined(typeof(SecretAttribute)), problems);
        }
    }

    public static IReadOnlyList<PropertyInfo> SettableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }).ToList();

    public static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);
    }

    public static Type? ElementType(Type type) =>
        type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type)
            ? null
            : type.IsArray ? type.GetElementType() : type.GetGenericArguments().SingleOrDefault();

    /// <summary>How a person should write a value of this type.</summary>
    public static string ExpectedForm(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number such as 0.25",
            _ when type == typeof(TimeSpan) => "a duration as hh:mm:ss, such as 00:00:10",
            _ when type == typeof(Uri) => "an absolute URI such as http://127.0.0.1:4317",
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant())),
            _ => "a " + type.Name,
        };
    }

    private static void CheckValue(Type type, IConfigurationSection section, bool secret, List<string> problems)
    {
        var hasChildren = section.GetChildren().Any();
        if (IsScalar(type))
        {
            if (hasChildren)
            {
                problems.Add($"{ConfigurationKeys.Describe(section.Path)} must be a single value ({ExpectedForm(type)}), not a section");
            }
            else if (section.Value is { Length: > 0 } value && !CanConvert(Nullable.GetUnderlyingType(type) ?? type, value))
            {
                problems.Add($"{ConfigurationKeys.Describe(section.Path)} must be {ExpectedForm(type)}{ConfigurationKeys.Got(value, secret)}");
            }

            return;
        }

        if (ElementType(type) is { } element)
        {
            if (!hasChildren && section.Value is { Length: > 0 })
            {
                problems.Add($"{ConfigurationKeys.Describe(section.Path)} must be a list ({section.Path}:0, {section.Path}:1, ...), not a single value");
            }

            foreach (var item in section.GetChildren())
            {
                if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add($"{ConfigurationKeys.Describe(item.Path)} is not a list item: items are numbered from 0 ({section.Path}:0, {section.Path}:1, ...)");
                }
                else
                {
                    CheckValue(element, item, secret, problems);
                }
            }

            return;
        }

        if (!hasChildren && section.Value is { Length: > 0 })
        {
            var names = string.Join(", ", SettableProperties(type).Select(p => p.Name));
            problems.Add($"{ConfigurationKeys.Describe(section.Path)} must be a section with {names}, not a single value");
            return;
        }

        Check(type, section, problems);
    }

    private static bool CanConvert(Type type, string value)
    {
        if (type.IsEnum)
        {
            // Names only: the binder would also take a number, which reads as nothing to a person.
            return Enum.TryParse(type, value, ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed!) && !char.IsAsciiDigit(value.TrimStart('-')[0]);
        }

        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value) is not null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }
}
