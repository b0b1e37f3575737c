namespace MultiCluster.Clusters.Qdrant;

/// <summary>
/// Checks what the port promises before anything is sent, so a bad id or an empty vector fails with a message
/// naming the offending item instead of a remote parse error, and NaN never reaches the JSON writer.
/// </summary>
internal sealed class QdrantRequestValidator(QdrantErrorMapper errors)
{
    public void Collection(string operation, string collection)
    {
        if (string.IsNullOrWhiteSpace(collection))
        {
            throw errors.InvalidRequest(operation, null, "the collection name is empty");
        }
    }

    public void Spec(CollectionSpec spec)
    {
        const string Operation = "create collection";
        Collection(Operation, spec.Name);
        Check(spec.VectorSize >= 1, Operation, spec.Name, $"vector size {spec.VectorSize} is below 1");
        Check(Enum.IsDefined(spec.Distance), Operation, spec.Name, $"distance {spec.Distance} is not Cosine, Dot or Euclid");
        Check(spec.HnswM is null or >= 0, Operation, spec.Name, $"hnsw m {spec.HnswM} is negative");
        Check(spec.HnswEfConstruct is null or >= 4, Operation, spec.Name, $"hnsw ef_construct {spec.HnswEfConstruct} is below 4");
        Check(spec.ShardNumber is null or >= 1, Operation, spec.Name, $"shard_number {spec.ShardNumber} is below 1");
        Check(spec.ReplicationFactor is null or >= 1, Operation, spec.Name, $"replication_factor {spec.ReplicationFactor} is below 1");
        Quantization(Operation, spec.Name, spec.Quantization);
        Check(spec.IndexingThresholdKb is null or >= 0, Operation, spec.Name, $"indexing threshold {spec.IndexingThresholdKb} kB is negative");
    }

    /// <summary>
    /// Only what cannot be sent at all (negative numbers into unsigned fields, two quantization instructions); the
    /// cluster judges the ranges, so a real Qdrant and LocalCluster answer with their own words.
    /// </summary>
    public void Update(string collection, CollectionUpdate update)
    {
        const string Operation = "update collection";
        Collection(Operation, collection);
        Check(update.HnswM is null or >= 0, Operation, collection, $"hnsw m {update.HnswM} is negative");
        Check(update.HnswEfConstruct is null or >= 0, Operation, collection, $"hnsw ef_construct {update.HnswEfConstruct} is negative");
        Check(update.ReplicationFactor is null or >= 0, Operation, collection, $"replication_factor {update.ReplicationFactor} is negative");
        Check(update.IndexingThresholdKb is null or >= 0, Operation, collection, $"indexing threshold {update.IndexingThresholdKb} kB is negative");
        Check(update.Quantization is null || !update.DisableQuantization, Operation, collection, "the update both sets and disables quantization; pass one of them");
    }

    private void Quantization(string operation, string collection, VectorQuantization? quantization)
    {
        Check(quantization is not ScalarQuantization { Quantile: not null and not (>= 0.5f and <= 1f) }, operation, collection, $"quantization quantile {(quantization as ScalarQuantization)?.Quantile} is outside 0.5..1");
        Check(quantization is not ProductQuantization p || Enum.IsDefined(p.Compression), operation, collection, $"product compression {(quantization as ProductQuantization)?.Compression} is not x4, x8, x16, x32 or x64");
    }

    public void Points(string operation, string collection, IReadOnlyList<PointRecord> points)
    {
        Collection(operation, collection);
        foreach (var point in points)
        {
            Id(operation, collection, point.Id);
            Vector(operation, collection, point.Vector, $"point '{point.Id}'");
        }
    }

    public void Ids(string operation, string collection, IReadOnlyList<string> ids)
    {
        Collection(operation, collection);
        foreach (var id in ids)
        {
            Id(operation, collection, id);
        }
    }

    public void Search(string operation, string collection, SearchRequest request)
    {
        Collection(operation, collection);
        Vector(operation, collection, request.Vector, "the query");
        Check(request.Limit >= 1, operation, collection, $"limit {request.Limit} is below 1");
        Check(request.Offset >= 0, operation, collection, $"offset {request.Offset} is negative");
        Check(request.HnswEf is null or >= 0, operation, collection, $"hnsw_ef {request.HnswEf} is negative");
        Check(request.ScoreThreshold is null || float.IsFinite(request.ScoreThreshold.Value), operation, collection, "score_threshold is not a finite number");
        Filter(operation, collection, request.Filter);
    }

    public void Scroll(string operation, string collection, ScrollRequest request)
    {
        Collection(operation, collection);
        Check(request.Limit >= 1, operation, collection, $"limit {request.Limit} is below 1");
        if (request.Offset is not null)
        {
            Id(operation, collection, request.Offset);
        }

        Filter(operation, collection, request.Filter);
    }

    public void Filter(string operation, string collection, Filter? filter)
    {
        if (filter is null)
        {
            return;
        }

        foreach (var condition in (filter.Must ?? []).Concat(filter.Should ?? []).Concat(filter.MustNot ?? []))
        {
            Condition(operation, collection, condition);
        }
    }

    public void Alias(string operation, string alias, string? collection)
    {
        Check(!string.IsNullOrWhiteSpace(alias), operation, collection, "the alias name is empty");
        if (collection is not null)
        {
            Collection(operation, collection);
        }
    }

    private void Condition(string operation, string collection, Condition condition)
    {
        switch (condition)
        {
            case HasIdCondition c:
                foreach (var id in c.Ids)
                {
                    Id(operation, collection, id);
                }

                break;
            case RangeCondition c:
                Key(operation, collection, c.Key);
                Check(c.Gt is not null || c.Gte is not null || c.Lt is not null || c.Lte is not null, operation, collection, $"the range on '{c.Key}' has no bound (set gt, gte, lt or lte)");
                break;
            case MatchCondition c:
                Key(operation, collection, c.Key);
                break;
            case MatchAnyCondition c:
                Key(operation, collection, c.Key);
                break;
            case MatchExceptCondition c:
                Key(operation, collection, c.Key);
                break;
            case IsEmptyCondition c:
                Key(operation, collection, c.Key);
                break;
            case IsNullCondition c:
                Key(operation, collection, c.Key);
                break;
            case NestedCondition c:
                Key(operation, collection, c.Key);
                Filter(operation, collection, c.Filter);
                break;
            case FilterCondition c:
                Filter(operation, collection, c.Filter);
                break;
        }
    }

    // Ids and vectors are checked per point: messages are built only on failure, not for every element.
    private void Id(string operation, string collection, string? id)
    {
        if (!PointId.TryParseNumber(id, out _) && !PointId.TryParseUuid(id, out _))
        {
            throw errors.InvalidRequest(operation, collection, $"point id '{id}' is neither an unsigned 64-bit integer in decimal (\"42\") nor a hyphenated UUID (\"550e8400-e29b-41d4-a716-446655440000\")");
        }
    }

    private void Vector(string operation, string collection, float[]? vector, string whose)
    {
        if (vector is not { Length: > 0 })
        {
            throw errors.InvalidRequest(operation, collection, $"{whose} has no vector");
        }

        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw errors.InvalidRequest(operation, collection, $"{whose} has a non-finite value ({vector[i]}) at index {i}");
            }
        }
    }

    private void Key(string operation, string collection, string key) =>
        Check(!string.IsNullOrWhiteSpace(key), operation, collection, "a filter condition has an empty payload key");

    private void Check(bool condition, string operation, string? collection, string problem)
    {
        if (!condition)
        {
            throw errors.InvalidRequest(operation, collection, problem);
        }
    }
}
