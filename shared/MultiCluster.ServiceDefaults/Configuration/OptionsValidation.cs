using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>
/// Runs DataAnnotations and <see cref="IValidatableObject"/> over a bound record and every record inside it, reporting
/// each failure by its full key. Attribute messages are written as the form expected ("must be ..."), so the problem
/// reads "Service:GrpcPort (env Service__GrpcPort) must be a port number ... (got '70000')".
/// </summary>
internal static class OptionsValidation
{
    public static void Validate(object options, string path, IConfiguration configuration, List<string> problems)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.DefaultIfEmpty("");
            foreach (var member in members)
            {
                var key = member.Length == 0 ? path : ConfigurationPath.Combine(path, member);
                var property = options.GetType().GetProperty(member);
                var got = property is not null && ConfigurationShape.IsScalar(property.PropertyType)
                    ? ConfigurationKeys.Got(configuration[key], property.IsDefined(typeof(SecretAttribute)))
                    : "";
                problems.Add($"{ConfigurationKeys.Describe(key)} {result.ErrorMessage}{got}");
            }
        }

        foreach (var property in ConfigurationShape.SettableProperties(options.GetType()))
        {
            if (ConfigurationShape.IsScalar(property.PropertyType) || property.GetValue(options) is not { } value)
            {
                continue;
            }

            var childPath = ConfigurationPath.Combine(path, property.Name);
            if (ConfigurationShape.ElementType(property.PropertyType) is { } element)
            {
                if (!ConfigurationShape.IsScalar(element))
                {
                    var index = 0;
                    foreach (var item in (IEnumerable)value)
                    {
                        Validate(item, ConfigurationPath.Combine(childPath, (index++).ToString(System.Globalization.CultureInfo.InvariantCulture)), configuration, problems);
                    }
                }
            }
            else
            {
                Validate(value, childPath, configuration, problems);
            }
        }
    }
}
