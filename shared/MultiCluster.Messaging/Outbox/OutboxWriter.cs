using System.Text;
using CloudNative.CloudEvents;
using Google.Protobuf;
using MultiCluster.Messaging.CloudEvents;
using Npgsql;
using NpgsqlTypes;

namespace MultiCluster.Messaging.Outbox;

/// <summary>
/// Writes an event into the outbox in the caller's transaction, so the event exists exactly when the state change it
/// announces commits: a rolled-back transaction publishes nothing. The envelope (id, time, traceparent) is made now;
/// the relay publishes it unchanged after the commit.
/// </summary>
public sealed class OutboxWriter(CloudEventFactory factory)
{
    public async Task<CloudEvent> WriteAsync(NpgsqlTransaction transaction, string topic, IMessage message, CancellationToken cancellationToken = default)
    {
        var cloudEvent = factory.Create(message);
        await WriteAsync(transaction, topic, cloudEvent, cancellationToken);
        return cloudEvent;
    }

    /// <summary>Writes an envelope made elsewhere (kept as it is, id included).</summary>
    public static async Task WriteAsync(NpgsqlTransaction transaction, string topic, CloudEvent cloudEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(cloudEvent);
        // Refused here, in the writer's transaction, rather than by the relay after it committed.
        var valid = cloudEvent.Validate();
        var connection = transaction.Connection
            ?? throw new InvalidOperationException("The transaction is already committed or rolled back: write outbox events before committing.");
        await using var command = new NpgsqlCommand("INSERT INTO outbox (event_id, topic, envelope) VALUES (@id, @topic, @envelope)", connection, transaction);
        command.Parameters.AddWithValue("id", valid.Id!);
        command.Parameters.AddWithValue("topic", topic);
        command.Parameters.Add(new NpgsqlParameter("envelope", NpgsqlDbType.Jsonb) { Value = Encoding.UTF8.GetString(CloudEventFormat.Encode(valid)) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
