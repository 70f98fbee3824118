// Tells a failed download (no network, the host blocked, down or refusing) from a
// model that downloaded but is broken, and names the host a model comes from, so
// that the page can keep the work that needs the model waiting and offer the ways
// on: try again, the built-in model, or a pack (docs/library.md). Pure.

/** What the browser, transformers.js and web-llm say when a request does not get a usable answer. */
const networkFailure = /failed to fetch|networkerror|network (?:error|request|connection)|unreachable|fetch failed|err_[a-z_]+|offline|timed? ?out|load failed|could not locate file|not found|\b(?:40[1348]|429|50[0-4])\b|cors|interrupted/i;

/** Whether a load failure's message says the files could not be downloaded (rather than that they are broken). */
export function isNetworkFailure(message: string): boolean {
  return networkFailure.test(message);
}

/** The host a model's files come from: its URL's, or Hugging Face's (transformers.js and web-llm's weights). */
export function modelHost(url?: string): string {
  if (url) {
    try {
      return new URL(url).host;
    } catch {
      // a hub id, not a URL
    }
  }
  return 'huggingface.co';
}

/** The host of the first URL a message names (web-llm names the file it could not fetch), else Hugging Face's. */
export function hostInMessage(message: string): string {
  return modelHost(/https?:\/\/[^\s"'`)<>]+/.exec(message)?.[0]);
}
