using Google.Protobuf.Reflection;

namespace MultiCluster.Grpc.Services.Reflection;

/// <summary>
/// What server reflection can tell about this host: the services it serves and every proto file behind them
/// (with their imports), looked up by file name, by fully-qualified symbol, or by extension. Immutable once built.
/// </summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FieldDescriptor>> _extensionsByType = new(StringComparer.Ordinal);
    private readonly HashSet<string> _messageTypes = new(StringComparer.Ordinal);

    /// <param name="servedServices">Every service name the host serves, described or not.</param>
    /// <param name="files">The files that declare them; their imports are indexed too.</param>
    public DescriptorIndex(IEnumerable<string> servedServices, IEnumerable<FileDescriptor> files)
    {
        Services = servedServices.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        foreach (var file in files)
        {
            AddFile(file);
        }
    }

    /// <summary>Served service names, "package.Service", in ordinal order.</summary>
    public IReadOnlyList<string> Services { get; }

    public int FileCount => _files.Count;

    public FileDescriptor? FindFileByName(string name) => _files.GetValueOrDefault(name);

    /// <summary>The file declaring a service, method, message, enum, field or extension, by fully-qualified name.</summary>
    public FileDescriptor? FindFileContainingSymbol(string symbol) => _symbols.GetValueOrDefault(symbol);

    public FileDescriptor? FindFileContainingExtension(string containingType, int number) =>
        _extensionsByType.TryGetValue(containingType, out var extensions)
            ? extensions.FirstOrDefault(e => e.FieldNumber == number)?.File
            : null;

    /// <summary>The field numbers of the known extensions of a message type; null when the type itself is unknown.</summary>
    public IReadOnlyList<int>? FindExtensionNumbers(string messageType) =>
        _messageTypes.Contains(messageType) || _extensionsByType.ContainsKey(messageType)
            ? _extensionsByType.GetValueOrDefault(messageType)?.Select(e => e.FieldNumber).Order().ToArray() ?? []
            : null;

    /// <summary>The file first, then everything it imports, transitively, each once: what a client needs to use it.</summary>
    public static IReadOnlyList<FileDescriptor> WithDependencies(FileDescriptor file)
    {
        var ordered = new List<FileDescriptor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>([file]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next.Name))
            {
                continue;
            }

            ordered.Add(next);
            for (var i = next.Dependencies.Count - 1; i >= 0; i--)
            {
                pending.Push(next.Dependencies[i]);
            }
        }

        return ordered;
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }

        foreach (var service in file.Services)
        {
            AddSymbol(service.FullName, file);
            foreach (var method in service.Methods)
            {
                AddSymbol(method.FullName, file);
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }

        foreach (var enumType in file.EnumTypes)
        {
            AddSymbol(enumType.FullName, file);
        }

        AddExtensions(file.Extensions.UnorderedExtensions, file);
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        AddSymbol(message.FullName, file);
        _messageTypes.Add(message.FullName);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            AddSymbol(field.FullName, file);
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }

        foreach (var enumType in message.EnumTypes)
        {
            AddSymbol(enumType.FullName, file);
        }

        AddExtensions(message.Extensions.UnorderedExtensions, file);
    }

    private void AddExtensions(IEnumerable<FieldDescriptor> extensions, FileDescriptor file)
    {
        foreach (var extension in extensions)
        {
            AddSymbol(extension.FullName, file);
            var extended = extension.ExtendeeType.FullName;
            if (!_extensionsByType.TryGetValue(extended, out var list))
            {
                list = [];
                _extensionsByType[extended] = list;
            }

            list.Add(extension);
        }
    }

    // The first file to declare a name keeps it; protoc already refuses duplicates within one build.
    private void AddSymbol(string symbol, FileDescriptor file) => _symbols.TryAdd(symbol, file);
}
