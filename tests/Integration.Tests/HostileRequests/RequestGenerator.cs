using System.Collections;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Integration.Tests.HostileRequests;

/// <summary>
/// Generates well-formed requests of any message type from its descriptor: each field set or not, to one of
/// <see cref="HostileValues"/> or, for enums, to a defined or undefined number; repeated fields from empty to huge;
/// nested messages a few levels deep. Every request is valid protobuf, so no answer may be UNKNOWN or INTERNAL.
/// </summary>
public static class RequestGenerator
{
    private const int MaxDepth = 3;

    // Elements of a huge repeated field are kept short, so a request stays within a few megabytes.
    private const int ShortStringLength = 100;
    private const int LargeCount = 17;

    public static Gen<IMessage> For(MessageDescriptor descriptor) => Message(descriptor, 0);

    private static Gen<IMessage> Message(MessageDescriptor descriptor, int depth)
    {
        var setters = descriptor.Fields.InFieldNumberOrder()
            .Where(field => depth < MaxDepth || field.FieldType != FieldType.Message)
            .Select(field => Gen.Frequency((1, Gen.Constant<Action<IMessage>?>(null)), (1, Setter(field, depth).Select(s => (Action<IMessage>?)s))))
            .ToArray();
        return Gen.CollectToArray(setters).Select(chosen =>
        {
            var message = descriptor.Parser.ParseFrom(ByteString.Empty);
            foreach (var set in chosen)
            {
                set?.Invoke(message);
            }

            return message;
        });
    }

    private static Gen<Action<IMessage>> Setter(FieldDescriptor field, int depth)
    {
        if (field.IsMap)
        {
            var entry = field.MessageType;
            return Gen.Zip(Value(entry.FindFieldByNumber(1), depth + 1, huge: false).ArrayOf(), Value(entry.FindFieldByNumber(2), depth + 1, huge: false).ArrayOf())
                .Select(kv => (Action<IMessage>)(message =>
                {
                    var map = (IDictionary)field.Accessor.GetValue(message);
                    foreach (var (key, value) in kv.Item1.Zip(kv.Item2))
                    {
                        map[key] = value;
                    }
                }));
        }

        if (field.IsRepeated)
        {
            return Gen.Elements(HostileValues.RepeatedCounts)
                .Where(count => count <= LargeCount || field.FieldType != FieldType.Message)
                .SelectMany(count => Value(field, depth + 1, huge: count > LargeCount).ArrayOf(count))
                .Select(values => (Action<IMessage>)(message =>
                {
                    var list = (IList)field.Accessor.GetValue(message);
                    foreach (var value in values)
                    {
                        list.Add(value);
                    }
                }));
        }

        return Value(field, depth + 1, huge: false).Select(value => (Action<IMessage>)(message => field.Accessor.SetValue(message, value)));
    }

    private static Gen<object> Value(FieldDescriptor field, int depth, bool huge) => field.FieldType switch
    {
        FieldType.String => Gen.Elements(huge ? HostileValues.Strings.Where(s => s.Length <= ShortStringLength) : HostileValues.Strings).Select(s => (object)s),
        FieldType.Bytes => Gen.Elements(HostileValues.Strings.Where(s => !huge || s.Length <= ShortStringLength)).Select(s => (object)ByteString.CopyFromUtf8(s)),
        FieldType.Bool => Gen.Elements(true, false).Select(b => (object)b),
        FieldType.Double => Gen.Elements(HostileValues.Doubles).Select(d => (object)d),
        FieldType.Float => Gen.Elements(HostileValues.Floats).Select(f => (object)f),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Gen.Elements(HostileValues.Integers).Select(v => (object)unchecked((int)v)),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Gen.Elements(HostileValues.Integers).Select(v => (object)v),
        FieldType.UInt32 or FieldType.Fixed32 => Gen.Elements(HostileValues.Naturals).Select(v => (object)unchecked((uint)v)),
        FieldType.UInt64 or FieldType.Fixed64 => Gen.Elements(HostileValues.Naturals).Select(v => (object)v),
        FieldType.Enum => EnumValue(field.EnumType),
        FieldType.Message => Message(field.MessageType, depth).Select(m => (object)m),
        _ => throw new NotSupportedException($"{field.FullName}: field type {field.FieldType} has no generator; add one."),
    };

    // Defined values, and numbers no version of the contract defines, as a newer or broken client would send.
    private static Gen<object> EnumValue(EnumDescriptor descriptor) =>
        Gen.Elements(descriptor.Values.Select(v => v.Number).Concat([-1, 999, int.MaxValue]).ToArray())
            .Select(number => Enum.ToObject(descriptor.ClrType, number));
}
