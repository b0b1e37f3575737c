using Grpc.Core;
using MultiCluster.LocalCluster.Api;
using MultiCluster.LocalCluster.Storage.Catalog;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.LocalCluster.GrpcApi;

/// <summary>qdrant.Collections: create, describe, list, check, update and drop collections; change and list aliases.</summary>
[BindServiceMethod(typeof(CollectionsService), nameof(BindService))]
public class CollectionsService(CollectionCatalog catalog)
{
    private const string Service = "qdrant.Collections";

    public static void BindService(ServiceBinderBase binder, CollectionsService? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(QdrantMethods.Unary<G.GetCollectionInfoRequest, G.GetCollectionInfoResponse>(Service, nameof(Get)), service is null ? null : service.Get);
        binder.AddMethod(QdrantMethods.Unary<G.ListCollectionsRequest, G.ListCollectionsResponse>(Service, nameof(List)), service is null ? null : service.List);
        binder.AddMethod(QdrantMethods.Unary<G.CreateCollection, G.CollectionOperationResponse>(Service, nameof(Create)), service is null ? null : service.Create);
        binder.AddMethod(QdrantMethods.Unary<G.UpdateCollection, G.CollectionOperationResponse>(Service, nameof(Update)), service is null ? null : service.Update);
        binder.AddMethod(QdrantMethods.Unary<G.DeleteCollection, G.CollectionOperationResponse>(Service, nameof(Delete)), service is null ? null : service.Delete);
        binder.AddMethod(QdrantMethods.Unary<G.CollectionExistsRequest, G.CollectionExistsResponse>(Service, nameof(CollectionExists)), service is null ? null : service.CollectionExists);
        binder.AddMethod(QdrantMethods.Unary<G.ChangeAliases, G.CollectionOperationResponse>(Service, nameof(UpdateAliases)), service is null ? null : service.UpdateAliases);
        binder.AddMethod(QdrantMethods.Unary<G.ListAliasesRequest, G.ListAliasesResponse>(Service, nameof(ListAliases)), service is null ? null : service.ListAliases);
        binder.AddMethod(QdrantMethods.Unary<G.ListCollectionAliasesRequest, G.ListAliasesResponse>(Service, nameof(ListCollectionAliases)), service is null ? null : service.ListCollectionAliases);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "The method name is Qdrant's (qdrant.Collections/Get, qdrant.Points/Get); the binder finds handlers by it.")]
    public virtual Task<G.GetCollectionInfoResponse> Get(G.GetCollectionInfoRequest request, ServerCallContext context) =>
        Task.FromResult(new G.GetCollectionInfoResponse { Result = GrpcResponses.Info(catalog.Get(request.CollectionName)) });

    public virtual Task<G.ListCollectionsResponse> List(G.ListCollectionsRequest request, ServerCallContext context) =>
        Task.FromResult(new G.ListCollectionsResponse { Collections = { catalog.CollectionNames.Select(name => new G.CollectionDescription { Name = name }) } });

    public virtual Task<G.CollectionOperationResponse> Create(G.CreateCollection request, ServerCallContext context)
    {
        if (CollectionName.Problem(request.CollectionName) is { } problem)
        {
            throw ApiException.Validation("collection_name", problem);
        }

        catalog.Create(request.CollectionName, CollectionBodies.Create(request));
        return Done(true);
    }

    public virtual Task<G.CollectionOperationResponse> Update(G.UpdateCollection request, ServerCallContext context)
    {
        var collection = catalog.Get(request.CollectionName);
        catalog.UpdateConfig(request.CollectionName, CollectionBodies.Update(collection.Config, request));
        return Done(true);
    }

    public virtual Task<G.CollectionOperationResponse> Delete(G.DeleteCollection request, ServerCallContext context) => Done(catalog.Drop(request.CollectionName));

    public virtual Task<G.CollectionExistsResponse> CollectionExists(G.CollectionExistsRequest request, ServerCallContext context) =>
        Task.FromResult(new G.CollectionExistsResponse { Result = new G.CollectionExists { Exists = catalog.Exists(request.CollectionName) } });

    public virtual Task<G.CollectionOperationResponse> UpdateAliases(G.ChangeAliases request, ServerCallContext context)
    {
        catalog.UpdateAliases([.. request.Actions.Select(Action)]);
        return Done(true);
    }

    public virtual Task<G.ListAliasesResponse> ListAliases(G.ListAliasesRequest request, ServerCallContext context) => Aliases(catalog.Aliases);

    public virtual Task<G.ListAliasesResponse> ListCollectionAliases(G.ListCollectionAliasesRequest request, ServerCallContext context)
    {
        var collection = catalog.Get(request.CollectionName).Name;
        return Aliases([.. catalog.Aliases.Where(a => a.Collection == collection)]);
    }

    private static AliasAction Action(G.AliasOperations action) => action.ActionCase switch
    {
        G.AliasOperations.ActionOneofCase.CreateAlias => new CreateAlias(action.CreateAlias.AliasName, action.CreateAlias.CollectionName),
        G.AliasOperations.ActionOneofCase.DeleteAlias => new DeleteAlias(action.DeleteAlias.AliasName),
        G.AliasOperations.ActionOneofCase.RenameAlias => new RenameAlias(action.RenameAlias.OldAliasName, action.RenameAlias.NewAliasName),
        _ => throw ApiException.Validation("actions", "an action must be create_alias, delete_alias or rename_alias"),
    };

    private static Task<G.ListAliasesResponse> Aliases(IReadOnlyList<(string Alias, string Collection)> aliases) =>
        Task.FromResult(new G.ListAliasesResponse { Aliases = { aliases.Select(a => new G.AliasDescription { AliasName = a.Alias, CollectionName = a.Collection }) } });

    private static Task<G.CollectionOperationResponse> Done(bool result) => Task.FromResult(new G.CollectionOperationResponse { Result = result });
}
