// Drives a LocalCluster node with Qdrant's official REST client (@qdrant/js-client-rest), unchanged, through a
// whole collection lifecycle, and prints one JSON object of what each call returned (or the error it raised) for
// the C# tests to assert. Usage: node qdrant-js-client.js --url http://127.0.0.1:PORT [--api-key KEY] --collection NAME
'use strict';

const { QdrantClient } = require('@qdrant/js-client-rest');

function argument(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const url = argument('url');
const apiKey = argument('api-key');
const collection = argument('collection') ?? 'js_books';
const alias = `${collection}_alias`;

const client = new QdrantClient({ url, apiKey, checkCompatibility: false });

const points = [
  { id: 1, vector: [1, 0, 0, 0], payload: { genre: 'fantasy', year: 1954, tags: ['classic', 'epic'] } },
  { id: 2, vector: [0.9, 0.1, 0, 0], payload: { genre: 'fantasy', year: 1997, tags: ['young'] } },
  { id: 3, vector: [0, 1, 0, 0], payload: { genre: 'science', year: 1988 } },
  { id: 4, vector: [0, 0, 1, 0], payload: { genre: 'history', year: 2011, meta: { author: 'Harari' } } },
  { id: '5c56c793-69f3-4fbf-87e6-c4bf54c28c26', vector: [0, 0, 0, 1], payload: { genre: 'poetry', year: 1855 } },
];

// Runs one step and records its result, or the status and message of the error the client raised.
async function step(results, name, call) {
  try {
    results[name] = await call();
  } catch (error) {
    results[name] = { error: { status: error.status ?? null, message: error.data?.status?.error ?? String(error) } };
  }
}

async function main() {
  const results = {};
  await step(results, 'version', () => client.versionInfo());
  await step(results, 'createCollection', () => client.createCollection(collection, {
    vectors: { size: 4, distance: 'Cosine' },
    hnsw_config: { m: 32, ef_construct: 200 },
    shard_number: 2,
    replication_factor: 1,
  }));
  await step(results, 'createDuplicate', () => client.createCollection(collection, { vectors: { size: 4, distance: 'Cosine' } }));
  await step(results, 'collectionExists', () => client.collectionExists(collection));
  await step(results, 'upsert', () => client.upsert(collection, { wait: true, points }));
  await step(results, 'upsertBatch', () => client.upsert(collection, {
    wait: true,
    batch: { ids: [6, 7], vectors: [[0, 0.7, 0.7, 0], [0.5, 0.5, 0.5, 0.5]], payloads: [{ genre: 'science', year: 2020 }, { genre: 'misc' }] },
  }));
  await step(results, 'getCollection', () => client.getCollection(collection));
  await step(results, 'search', () => client.search(collection, { vector: [1, 0.05, 0, 0], limit: 3, with_payload: true }));
  await step(results, 'searchWithFilter', () => client.search(collection, {
    vector: [1, 0.05, 0, 0],
    limit: 10,
    filter: { must: [{ key: 'genre', match: { value: 'fantasy' } }, { key: 'year', range: { gte: 1990 } }] },
    with_payload: ['year'],
  }));
  await step(results, 'searchBatch', () => client.searchBatch(collection, {
    searches: [{ vector: [0, 1, 0, 0], limit: 1 }, { vector: [0, 0, 1, 0], limit: 1, filter: { must_not: [{ has_id: [4] }] } }],
  }));
  await step(results, 'query', () => client.query(collection, {
    query: [0, 0, 0, 1], limit: 2, with_payload: true, filter: { should: [{ key: 'genre', match: { any: ['poetry', 'misc'] } }] },
  }));
  await step(results, 'scrollPage1', () => client.scroll(collection, { limit: 4, with_payload: false, with_vector: true }));
  await step(results, 'scrollPage2', async () => {
    const first = await client.scroll(collection, { limit: 4 });
    return client.scroll(collection, { limit: 4, offset: first.next_page_offset });
  });
  await step(results, 'countAll', () => client.count(collection, { exact: true }));
  await step(results, 'countFiltered', () => client.count(collection, { filter: { must: [{ key: 'meta.author', match: { value: 'Harari' } }] } }));
  await step(results, 'retrieve', () => client.retrieve(collection, { ids: [3, '5c56c793-69f3-4fbf-87e6-c4bf54c28c26', 99], with_vector: true }));
  await step(results, 'setPayload', async () => {
    await client.setPayload(collection, { points: [3], payload: { reviewed: true }, wait: true });
    return client.retrieve(collection, { ids: [3] });
  });
  await step(results, 'deleteByIds', async () => {
    const update = await client.delete(collection, { points: [7], wait: true });
    return { update, count: (await client.count(collection)).count };
  });
  await step(results, 'deleteByFilter', async () => {
    const update = await client.delete(collection, { filter: { must: [{ key: 'genre', match: { value: 'science' } }] }, wait: true });
    return { update, count: (await client.count(collection)).count };
  });
  await step(results, 'createAlias', async () => {
    const done = await client.updateCollectionAliases({ actions: [{ create_alias: { collection_name: collection, alias_name: alias } }] });
    return { done, aliases: await client.getCollectionAliases(collection), all: await client.getAliases() };
  });
  await step(results, 'searchThroughAlias', () => client.search(alias, { vector: [0, 0, 1, 0], limit: 1 }));
  await step(results, 'renameAlias', async () => {
    await client.updateCollectionAliases({ actions: [{ rename_alias: { old_alias_name: alias, new_alias_name: `${alias}2` } }] });
    return client.getAliases();
  });
  await step(results, 'deleteAlias', async () => {
    await client.updateCollectionAliases({ actions: [{ delete_alias: { alias_name: `${alias}2` } }] });
    return client.getAliases();
  });
  await step(results, 'createSnapshot', () => client.createSnapshot(collection));
  await step(results, 'listSnapshots', () => client.listSnapshots(collection));
  await step(results, 'missingCollection', () => client.getCollection(`${collection}_missing`));
  await step(results, 'wrongDimension', () => client.upsert(collection, { wait: true, points: [{ id: 100, vector: [1, 2, 3] }] }));
  await step(results, 'deleteCollection', () => client.deleteCollection(collection));
  await step(results, 'existsAfterDelete', () => client.collectionExists(collection));
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
