// An honest placeholder: says what a view will do, and that it does not work yet.

export function Planned({ title, intro, items }: { title: string; intro: string; items: string[] }) {
  return (
    <section class="card planned" aria-labelledby="planned-title">
      <h2 id="planned-title">{title}</h2>
      <p class="badge">Not available yet</p>
      <p>{intro}</p>
      <ul>
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    </section>
  );
}
