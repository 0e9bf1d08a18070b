/**
 * A namespace-resolved XML element, as docaxis keeps the parts of an edXML packet it does not
 * interpret (unknown extension elements, the XML signature): enough to write them back with the
 * same meaning. Prefixes are not kept, since they carry no meaning once namespaces are resolved;
 * mixed content is not kept either (edXML has none): `text` joins the element's text nodes.
 */
export interface XmlAttribute {
  /** Namespace URI of a prefixed attribute (`xlink:href`); absent for a plain attribute. */
  readonly namespace?: string;
  readonly name: string;
  readonly value: string;
}

export interface XmlElement {
  /** Namespace URI; absent for an element in no namespace. */
  readonly namespace?: string;
  /** Local name, without prefix. */
  readonly name: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** Text content; empty for a container whose text is only indentation. */
  readonly text: string;
}
