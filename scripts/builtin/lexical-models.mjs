// Writes the site's built-in retrieval models (public/builtin/, docs/catalog.md):
// a lexical embedder and a lexical cross-encoder that transformers.js loads like
// any BERT model, over a vocabulary built from no corpus (vocabulary.mjs), so
// they serve a person's own documents, in English and Chinese, offline.
//
// Embedder: each token's vector is a fixed random unit vector times its weight,
// and mean pooling makes a weighted bag of pieces. The random vectors come from
// 8192 buckets (token id mod 8192), so the model stays ~4 MB for ~60k tokens;
// two different tokens share a bucket once in 8192, which barely moves a cosine.
//
// Reranker: score(query, passage) = Σ weight(t) over the distinct tokens t of the
// query that occur in the passage, computed by the network from a sequence ×
// sequence equality matrix (the fixture's one-hot over the vocabulary would need
// sequence × 60k floats per pair).
//
// Deterministic: the same vocabulary and seeds give the same bytes.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { gaussian, hashString, seededRandom } from '../../src/shared/random.mjs';
import { writeBertFolder } from '../fixtures/embedder.mjs';
import { builtinTokenWeight, builtinVocabulary } from './vocabulary.mjs';

const { onnx } = onnxProto;
const FLOAT = 1;
const INT64 = 7;
export const BUCKETS = 8192;
export const DIM = 128;

const dims = (...names) => ({ dim: names.map((n) => (typeof n === 'number' ? { dimValue: n } : { dimParam: n })) });
const io = (name, elemType, shape) => ({ name, type: { tensorType: { elemType, shape } } });
const node = (opType, input, output, attribute = []) => ({ opType, input, output: [output], attribute });
const int = (name, value) => ({ name, type: 2, i: value });
const ints = (name, values) => ({ name, type: 7, ints: values });
const floats = (name, shape, values) => ({ name, dataType: FLOAT, dims: shape, rawData: new Uint8Array(Float32Array.from(values).buffer) });
const int64s = (name, values, shape = [values.length]) => ({ name, dataType: INT64, dims: shape, int64Data: values });

function encode(name, graph) {
  const model = onnx.ModelProto.create({ irVersion: 7, producerName: 'rag-lab-builtin', opsetImport: [{ domain: '', version: 13 }], graph: { name, ...graph } });
  return onnx.ModelProto.encode(model).finish();
}

/** One random unit vector per bucket, seeded by the bucket's number. */
function bucketTable() {
  const table = new Float32Array(BUCKETS * DIM);
  const v = new Float64Array(DIM);
  for (let b = 0; b < BUCKETS; b++) {
    const rand = seededRandom(hashString(`rag-lab-builtin-bucket-${b}`));
    let norm = 0;
    for (let j = 0; j < DIM; j++) norm += (v[j] = gaussian(rand)) ** 2;
    norm = Math.sqrt(norm);
    for (let j = 0; j < DIM; j++) table[b * DIM + j] = v[j] / norm;
  }
  return table;
}

function embedderOnnx(weights) {
  return encode('rag_lab_lexical_embedder', {
    initializer: [floats('buckets', [BUCKETS, DIM], bucketTable()), floats('weights', [weights.length], weights), int64s('bucket_count', [BUCKETS], []), int64s('last_axis', [-1])],
    node: [
      node('Mod', ['input_ids', 'bucket_count'], 'bucket_ids'),
      node('Gather', ['buckets', 'bucket_ids'], 'token_vectors', [int('axis', 0)]),
      node('Gather', ['weights', 'input_ids'], 'token_weights', [int('axis', 0)]),
      node('Cast', ['attention_mask'], 'mask_f', [int('to', FLOAT)]),
      node('Mul', ['token_weights', 'mask_f'], 'masked_weights'),
      node('Unsqueeze', ['masked_weights', 'last_axis'], 'weights_3d'),
      node('Mul', ['token_vectors', 'weights_3d'], 'last_hidden_state'),
    ],
    input: [io('input_ids', INT64, dims('batch_size', 'sequence_length')), io('attention_mask', INT64, dims('batch_size', 'sequence_length'))],
    output: [io('last_hidden_state', FLOAT, dims('batch_size', 'sequence_length', DIM))],
  });
}

function rerankerOnnx(weights) {
  return encode('rag_lab_lexical_cross_encoder', {
    initializer: [
      floats('weights', [weights.length], weights),
      int64s('zero_axis', [0]), int64s('one_axis', [1]), int64s('last_axis', [-1]),
      int64s('zero', [0], []), int64s('one', [1], []), floats('one_f', [], [1]),
    ],
    node: [
      // Masks: the query is segment 0, the passage segment 1.
      node('Cast', ['attention_mask'], 'mask_f', [int('to', FLOAT)]),
      node('Cast', ['token_type_ids'], 'type_f', [int('to', FLOAT)]),
      node('Mul', ['mask_f', 'type_f'], 'passage_mask'),
      node('Sub', ['mask_f', 'passage_mask'], 'query_mask'),
      // same[b, i, j]: tokens i and j are the same token.
      node('Unsqueeze', ['input_ids', 'last_axis'], 'ids_col'),
      node('Unsqueeze', ['input_ids', 'one_axis'], 'ids_row'),
      node('Equal', ['ids_col', 'ids_row'], 'same_b'),
      node('Cast', ['same_b'], 'same', [int('to', FLOAT)]),
      // found[b, i]: token i occurs in the passage.
      node('Unsqueeze', ['passage_mask', 'one_axis'], 'passage_row'),
      node('Mul', ['same', 'passage_row'], 'in_passage'),
      node('ReduceMax', ['in_passage'], 'found', [ints('axes', [2]), int('keepdims', 0)]),
      // repeat[b, i]: token i occurred earlier in the query, so it is counted once.
      node('Shape', ['input_ids'], 'shape'),
      node('Gather', ['shape', 'one'], 'length', [int('axis', 0)]),
      node('Range', ['zero', 'length', 'one'], 'positions'),
      node('Unsqueeze', ['positions', 'one_axis'], 'positions_col'),
      node('Unsqueeze', ['positions', 'zero_axis'], 'positions_row'),
      node('Less', ['positions_row', 'positions_col'], 'earlier_b'),
      node('Cast', ['earlier_b'], 'earlier', [int('to', FLOAT)]),
      node('Unsqueeze', ['query_mask', 'one_axis'], 'query_row'),
      node('Mul', ['same', 'query_row'], 'in_query'),
      node('Mul', ['in_query', 'earlier'], 'earlier_in_query'),
      node('ReduceMax', ['earlier_in_query'], 'repeat', [ints('axes', [2]), int('keepdims', 0)]),
      node('Sub', ['one_f', 'repeat'], 'first'),
      // logit = Σ over distinct query tokens found in the passage of their weight.
      node('Gather', ['weights', 'input_ids'], 'token_weights', [int('axis', 0)]),
      node('Mul', ['token_weights', 'query_mask'], 'query_weights'),
      node('Mul', ['query_weights', 'first'], 'distinct_weights'),
      node('Mul', ['distinct_weights', 'found'], 'shared'),
      node('ReduceSum', ['shared', 'one_axis'], 'logits', [int('keepdims', 1)]),
    ],
    input: [
      io('input_ids', INT64, dims('batch_size', 'sequence_length')),
      io('attention_mask', INT64, dims('batch_size', 'sequence_length')),
      io('token_type_ids', INT64, dims('batch_size', 'sequence_length')),
    ],
    output: [io('logits', FLOAT, dims('batch_size', 1))],
  });
}

/** The catalog entries of the built-in retrieval models (public/builtin/catalog.json lists the same). */
export const builtinEmbedderFolder = 'lexical-embedder';
export const builtinRerankerFolder = 'lexical-reranker';

/**
 * Writes both models under `dir` (public/builtin/ for the site) and returns their sizes.
 * @param {string} dir
 */
export async function writeBuiltinModels(dir) {
  const vocab = builtinVocabulary();
  const weights = vocab.map(builtinTokenWeight);
  const embedderDir = join(dir, builtinEmbedderFolder);
  const rerankerDir = join(dir, builtinRerankerFolder);
  await mkdir(join(embedderDir, 'onnx'), { recursive: true });
  await mkdir(join(rerankerDir, 'onnx'), { recursive: true });
  const base = { model_type: 'bert', vocab_size: vocab.length, max_position_embeddings: 512 };
  await writeBertFolder(embedderDir, { ...base, architectures: ['BertModel'], hidden_size: DIM }, vocab, embedderOnnx(weights));
  await writeBertFolder(rerankerDir, { ...base, architectures: ['BertForSequenceClassification'], id2label: { 0: 'LABEL_0' }, label2id: { LABEL_0: 0 } }, vocab, rerankerOnnx(weights));
  return { vocabSize: vocab.length, dim: DIM };
}
