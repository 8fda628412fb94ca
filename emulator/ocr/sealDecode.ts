/**
 * Constrained CTC decoding against the seal grammar: the exact CTC log-likelihood of every
 * grammar candidate under one strip's scores, computed over a prefix trie so candidates sharing
 * a province and city share the work (about 40k trie nodes x T steps, tens of ms).
 */

interface TrieNode {
  /** Class index of this node's character (0 at the root). */
  label: number;
  children: TrieNode[];
  /** Set when a candidate ends here. */
  text?: string;
}

export interface ScoredCandidate {
  text: string;
  /** CTC log-likelihood (natural log) plus the candidate's log prior. */
  logP: number;
}

export interface ConstrainedReading {
  /** Candidates, likeliest first (at most `limit`). */
  ranked: ScoredCandidate[];
  /** Log-probability of the single best path (greedy decoding): an upper-bound-like reference. */
  bestPath: number;
}

/** Prefixes whose every completion is this much (e^-80) less likely than the best path are dropped. */
const PRUNE = -80;

const tries = new WeakMap<readonly string[], Map<readonly string[], TrieNode>>();

function buildTrie(candidates: readonly string[], dictionary: readonly string[]): TrieNode {
  let byCandidates = tries.get(dictionary);
  if (!byCandidates) {
    byCandidates = new Map();
    tries.set(dictionary, byCandidates);
  }
  const cached = byCandidates.get(candidates);
  if (cached) return cached;
  const index = new Map(dictionary.map((ch, i) => [ch, i + 1] as const));
  const root: TrieNode = { label: 0, children: [] };
  for (const text of candidates) {
    const labels = [...text].map((ch) => index.get(ch));
    if (labels.some((l) => l === undefined)) continue;
    let node = root;
    for (const label of labels as number[]) {
      let child = node.children.find((c) => c.label === label);
      if (!child) {
        child = { label, children: [] };
        node.children.push(child);
      }
      node = child;
    }
    node.text = text;
  }
  byCandidates.set(candidates, root);
  return root;
}

/**
 * Scores every candidate by CTC forward over the trie. Probabilities are scaled per step by that
 * step's best class (the same factor for every candidate, added back as `bestPath`), which keeps
 * the forward variables in range without logs in the inner loop.
 */
export function decodeConstrained(
  scores: Float32Array,
  steps: number,
  classes: number,
  dictionary: readonly string[],
  candidates: readonly string[],
  limit = 8,
  prior: (text: string) => number = () => 0,
  /** Log-probability below the best path under which a prefix is dropped (-80 by default). */
  prune = PRUNE,
): ConstrainedReading {
  const floor = Math.exp(prune);
  const root = buildTrie(candidates, dictionary);
  const T = steps;
  const scale = new Float64Array(T);
  let bestPath = 0;
  for (let t = 0; t < T; t++) {
    let m = 0;
    for (let c = 0; c < classes; c++) m = Math.max(m, scores[t * classes + c] ?? 0);
    scale[t] = m > 0 ? m : 1e-30;
    bestPath += Math.log(scale[t] ?? 1);
  }
  const inv = new Float64Array(T);
  for (let t = 0; t < T; t++) inv[t] = 1 / (scale[t] ?? 1);
  const blank = new Float64Array(T);
  for (let t = 0; t < T; t++) blank[t] = (scores[t * classes] ?? 0) * (inv[t] ?? 0);
  // Forward variables per trie depth (reused): ending in the label / ending in blank.
  const nb: Float64Array[] = [];
  const bl: Float64Array[] = [];
  const rootB = new Float64Array(T);
  let acc = 1;
  for (let t = 0; t < T; t++) {
    acc *= blank[t] ?? 0;
    rootB[t] = acc;
  }
  nb.push(new Float64Array(T));
  bl.push(rootB);
  const found: ScoredCandidate[] = [];
  const lab = new Float64Array(T);
  const visit = (node: TrieNode, depth: number) => {
    for (const child of node.children) {
      if (nb.length <= depth + 1) {
        nb.push(new Float64Array(T));
        bl.push(new Float64Array(T));
      }
      const pn = nb[depth] as Float64Array;
      const pb = bl[depth] as Float64Array;
      const n = nb[depth + 1] as Float64Array;
      const b = bl[depth + 1] as Float64Array;
      const c = child.label;
      const sameAsParent = c === node.label;
      for (let t = 0; t < T; t++) lab[t] = (scores[t * classes + c] ?? 0) * (inv[t] ?? 0);
      n[0] = depth === 0 ? (lab[0] ?? 0) : 0;
      b[0] = 0;
      // Upper bound on every string through this prefix: leaving the prefix at step t has at most
      // its forward mass at t - 1 (later steps multiply by scaled scores <= 1), and the exits are
      // disjoint events.
      let bound = n[0] ?? 0;
      for (let t = 1; t < T; t++) {
        const from = (n[t - 1] ?? 0) + (pb[t - 1] ?? 0) + (sameAsParent ? 0 : (pn[t - 1] ?? 0));
        const nv = from * (lab[t] ?? 0);
        n[t] = nv;
        const bv = ((b[t - 1] ?? 0) + (n[t - 1] ?? 0)) * (blank[t] ?? 0);
        b[t] = bv;
        bound += nv + bv;
      }
      if (bound < floor) continue;
      if (child.text !== undefined) {
        const p = (n[T - 1] ?? 0) + (b[T - 1] ?? 0);
        if (p > 0) found.push({ text: child.text, logP: Math.log(p) + bestPath + prior(child.text) });
      }
      if (child.children.length > 0) visit(child, depth + 1);
    }
  };
  visit(root, 0);
  found.sort((p, q) => q.logP - p.logP);
  return { ranked: found.slice(0, limit), bestPath };
}
