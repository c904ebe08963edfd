// The links to the brand's mark in a page's head: the ICO for what cannot show SVG (its size named, so that
// browsers that can show SVG prefer it), the SVG, and the square a phone puts on its home screen.
export function BrandIcons(props: { version?: string }) {
  const v = props.version ? `?v=${props.version}` : '';
  return (
    <>
      <link rel="icon" href={`/favicon.ico${v}`} sizes="32x32" />
      <link rel="icon" href={`/favicon.svg${v}`} type="image/svg+xml" />
      <link rel="apple-touch-icon" href={`/apple-touch-icon.png${v}`} />
    </>
  );
}
