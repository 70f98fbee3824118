// Words that evoke each relation label in a question (data), for the lexical
// planner: "Who owns …" should favour owned_by although no word says "owned_by".

const cues: Record<string, string> = {
  owned_by: 'owned owns owner belongs belong whose',
  located_in: 'where located place kept held village building site',
  part_of: 'part of',
  comes_from: 'comes from where source origin village',
  paid_into: 'paid into fund goes money rent',
  sent_to: 'sent posted shipped delivered where to',
  travels_to: 'sails travels ferry port town to',
  departs_from: 'sails leaves departs from harbour',
  produces: 'makes produces made product cheese',
  made_from: 'made from ingredient',
  made_by: 'made written run led by who',
  keeps: 'keeps holds stores contains',
  sold_at: 'sold sells where buy',
  used_as: 'used sold as use',
  created_after: 'created founded after',
  commemorates: 'remembers memory festival commemorates',
  receives: 'receives gets',
  in_year: 'year when built founded added',
  is_a: 'what kind type is',
  holds_role: 'who chair treasurer secretary warden keeper officer role director',
  serves: 'for serves',
  price: 'price cost pay pays crowns much',
  mentioned_with: '',
  named: 'named called',
};

/** The label's own words plus its cue words. */
export function relationCue(label: string): string {
  return `${label.replace(/_/g, ' ')} ${cues[label] ?? ''}`;
}

/** The short phrase whose vector stands for the label in the embedding route of planning. */
export function relationPhrase(label: string): string {
  return relationCue(label).trim();
}
