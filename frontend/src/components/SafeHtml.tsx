/**
 * Shows HTML that the server made from Markdown (e.g. a network's
 * descriptionHtml). This is the only place the app inserts HTML.
 */
export function SafeHtml({ html, className }: { html: string; className?: string }) {
  // Safe: the server renders Markdown without raw HTML and then runs the result
  // through a strict allow-list sanitiser (internal/markdown): no scripts, no
  // event handlers or style attributes, no images, only http(s)/mailto/same-site
  // links. The string is never built from anything else on the client.
  // eslint-disable-next-line no-restricted-syntax
  return <div className={['prose', className].filter(Boolean).join(' ')} dangerouslySetInnerHTML={{ __html: html }} />;
}
