"""Where a key path stands in a composed YAML document (for ``path:line:column`` errors)."""
from __future__ import annotations

import yaml


def node_at(node, loc, key: bool = False, nearest: bool = True):
    """The node at ``loc`` (keys and list indexes); its key node with ``key``. A step that
    is not there stops at the nearest node reached, or gives None unless ``nearest``."""
    for i, part in enumerate(loc):
        found = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == part:
                    found = k if (key and i == len(loc) - 1) else v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            found = node.value[part]
        if found is None:
            return node if nearest else None
        node = found
    return node


def place(node, loc=(), key: bool = False, nearest: bool = True) -> tuple[int, int]:
    """1-based (line, column) of the node at ``loc``; (1, 1) when there is none."""
    node = node_at(node, loc, key, nearest) if node is not None else None
    if node is None:
        return 1, 1
    return node.start_mark.line + 1, node.start_mark.column + 1
