"""Safe XML for feeds and sitemaps: no entity expansion, no DTD loading, no network access.

A feed is untrusted input from the open web: entity expansion (billion laughs), external
entities (local file or URL disclosure) and DTD fetches are all switched off.
"""

from collections.abc import Iterator

from lxml import etree

from clearance.errors import ClearanceError, ErrorKind


def parse_xml(data: bytes, source: str, *, kind: ErrorKind = ErrorKind.BAD_FEED) -> etree._Element:
    """Parse untrusted XML; raises ClearanceError(kind) when it is not well-formed enough."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=True,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data.lstrip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ClearanceError(source, f"not well-formed XML ({exc})", kind=kind) from exc
    if root is None:
        raise ClearanceError(source, "not XML (no root element)", kind=kind)
    return root


def local(element: etree._Element) -> str:
    """An element's tag without its namespace ('' for comments and entities)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    """Direct children with local name ``name``, in any namespace."""
    return (child for child in element if local(child) == name)


def child_text(element: etree._Element, *names: str) -> str | None:
    """Stripped text of the first direct child whose local name is one of ``names`` (in order)."""
    for name in names:
        for child in children(element, name):
            text = (child.text or "").strip()
            if text:
                return text
    return None


def descendants(element: etree._Element, name: str) -> Iterator[etree._Element]:
    """Every descendant with local name ``name`` (iterative: no recursion limit)."""
    return (node for node in element.iter() if local(node) == name)
