namespace MultiCluster.LocalCluster.Storage.Operations;

/// <summary>Encodes operations for the write-ahead log and decodes them on replay: a type byte, then the operation.</summary>
internal static class OperationCodec
{
    private enum Kind : byte
    {
        Upsert = 1,
        Delete = 2,
        SetPayload = 3,
        OverwritePayload = 4,
        DeletePayloadKeys = 5,
        ClearPayload = 6,
    }

    public static void Write(BinaryWriter writer, PointOperation operation)
    {
        switch (operation)
        {
            case UpsertOperation upsert:
                writer.Write((byte)Kind.Upsert);
                writer.Write(upsert.Points.Count);
                foreach (var point in upsert.Points)
                {
                    writer.WriteId(point.Id);
                    writer.WriteVector(point.Vector);
                    writer.WritePayload(point.Payload);
                }

                break;
            case DeleteOperation delete:
                writer.Write((byte)Kind.Delete);
                writer.WriteIds(delete.Ids);
                break;
            case SetPayloadOperation set:
                writer.Write((byte)Kind.SetPayload);
                writer.WriteIds(set.Ids);
                writer.WritePayload(set.Payload);
                writer.WriteText(set.Key);
                break;
            case OverwritePayloadOperation overwrite:
                writer.Write((byte)Kind.OverwritePayload);
                writer.WriteIds(overwrite.Ids);
                writer.WritePayload(overwrite.Payload);
                break;
            case DeletePayloadKeysOperation deleteKeys:
                writer.Write((byte)Kind.DeletePayloadKeys);
                writer.WriteIds(deleteKeys.Ids);
                writer.Write(deleteKeys.Keys.Count);
                foreach (var key in deleteKeys.Keys)
                {
                    writer.WriteText(key);
                }

                break;
            case ClearPayloadOperation clear:
                writer.Write((byte)Kind.ClearPayload);
                writer.WriteIds(clear.Ids);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation.GetType().Name, "Unknown operation.");
        }
    }

    public static PointOperation Read(BinaryReader reader)
    {
        var kind = (Kind)reader.ReadByte();
        return kind switch
        {
            Kind.Upsert => ReadUpsert(reader),
            Kind.Delete => new DeleteOperation(reader.ReadIds()),
            Kind.SetPayload => new SetPayloadOperation(reader.ReadIds(), RequiredPayload(reader), reader.ReadText()),
            Kind.OverwritePayload => new OverwritePayloadOperation(reader.ReadIds(), RequiredPayload(reader)),
            Kind.DeletePayloadKeys => ReadDeleteKeys(reader),
            Kind.ClearPayload => new ClearPayloadOperation(reader.ReadIds()),
            _ => throw new InvalidDataException($"Unknown operation type {(byte)kind} in the log."),
        };
    }

    private static UpsertOperation ReadUpsert(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var points = new List<PointRecord>(Math.Min(Math.Max(count, 0), 65_536));
        for (var i = 0; i < count; i++)
        {
            points.Add(new PointRecord(reader.ReadId(), reader.ReadVector(), reader.ReadPayload()));
        }

        return new UpsertOperation(points);
    }

    private static DeletePayloadKeysOperation ReadDeleteKeys(BinaryReader reader)
    {
        var ids = reader.ReadIds();
        var keys = new string[reader.ReadInt32()];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = reader.ReadText() ?? throw new InvalidDataException("A payload key is missing in the log.");
        }

        return new DeletePayloadKeysOperation(ids, keys);
    }

    private static System.Text.Json.JsonElement RequiredPayload(BinaryReader reader) =>
        reader.ReadPayload() ?? throw new InvalidDataException("A payload is missing in the log.");
}
