using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Migrating;

namespace MultiCluster.Specialization.Grpc;

/// <summary>The migration RPCs: start or resume, watch, pause and cancel durable migration jobs.</summary>
public sealed partial class SpecializationService
{
    public override Task<MigrateToSpecializationResponse> MigrateToSpecialization(MigrateToSpecializationRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(context);
            if (request.ResumeOperationId is { Length: > 0 } resume)
            {
                var resumed = await migrations.ResumeAsync(resume, context.CancellationToken);
                return new MigrateToSpecializationResponse { OperationId = resumed.OperationId, Status = resumed };
            }

            var move = request.Move;
            if (move is null)
            {
                RpcErrors.InvalidArgument("move: required (library, domain_id and target), unless resume_operation_id names a migration to resume.");
            }

            var status = await migrations.StartAsync(new MigrationStart(
                move.Library,
                move.DomainId,
                move.Source?.Name is { Length: > 0 } source ? source : null,
                move.Target?.Name ?? "",
                KeepSource: move.KeepSource,
                BatchSize: request.BatchSize,
                Workers: request.Workers,
                MaxPointsPerSecond: request.MaxPointsPerSecond,
                SkipChecksums: request.SkipChecksums,
                RequestId: request.RequestId,
                Reason: move.Reason), context.CancellationToken);
            return new MigrateToSpecializationResponse { OperationId = status.OperationId, Status = status };
        });

    public override Task WatchMigration(WatchMigrationRequest request, IServerStreamWriter<WatchMigrationResponse> responseStream, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(responseStream);
            ArgumentNullException.ThrowIfNull(context);
            RequireOperationId(request.OperationId);
            try
            {
                await foreach (var (row, rate) in migrations.WatchRowsAsync(request.OperationId, context.CancellationToken))
                {
                    await responseStream.WriteAsync(new WatchMigrationResponse
                    {
                        Progress = MigrationStatusView.Progress(row, rate),
                        Migration = MigrationStatusView.Status(row),
                    }, context.CancellationToken);
                }
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                // The client went away or its deadline passed: the watch's normal end.
            }
        });

    public override Task<PauseMigrationResponse> PauseMigration(PauseMigrationRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(context);
            RequireOperationId(request.OperationId);
            return new PauseMigrationResponse { Status = await migrations.PauseAsync(request.OperationId, context.CancellationToken) };
        });

    public override Task<CancelMigrationResponse> CancelMigration(CancelMigrationRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(context);
            RequireOperationId(request.OperationId);
            return new CancelMigrationResponse { Status = await migrations.CancelAsync(request.OperationId, context.CancellationToken) };
        });

    private static void RequireOperationId(string operationId)
    {
        if (string.IsNullOrEmpty(operationId))
        {
            RpcErrors.InvalidArgument("operation_id: required; pass the operation_id MigrateToSpecialization returned.");
        }
    }
}
