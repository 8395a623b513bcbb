#!/usr/bin/env python3
"""Every key a spec reader accepts is documented in arch/SPEC_REFERENCE.md.

Reads the spec readers' sources (arch/*.cpp, arch/energy/*.cpp and the sweep reader in
sim/cli/sweep_spec.cpp), collects the key strings they pass to ObjectReader (directly or through
the readers' helper functions), and checks that each one appears in the reference as `key`.
Usage: spec_reference_keys.py REPOSITORY_ROOT [--list]
"""
import glob
import os
import re
import sys

KEY = r'"([A-Za-z_][A-Za-z0-9_]*)"'
# reader.method("key" ...) for the ObjectReader API.
METHOD = re.compile(r'\.(?:string|optional_string|enum_string|integer|positive|non_negative|number'
                    r'|boolean|positive_pair|string_list|get|has|ignore)\(\s*' + KEY)
# helper(reader, "key" ...) for the readers' own helpers that take an ObjectReader.
HELPER = re.compile(r'\b(?:bounded|in_range|optional_amount|optional_bandwidth|non_negative'
                    r'|size_field|read_dataspace_list)\(\s*\w+\s*,\s*' + KEY)
# Keys read in a loop or chosen by an expression: for (const char* key : {...}),
# const char* key = cond ? "a" : "b";
KEY_LIST = re.compile(r'for \(const char\* key : \{([^}]*)\}\)')
KEY_CHOICE = re.compile(r'const char\* key\s*=([^;]*);', re.S)
# Names used as keys through a table: the dataflow roles and the data-space names (keys of a
# layer's "bits" and of a dataflow's "by_dataspace").
NAME_TABLE = re.compile(r'k(?:RoleNames|DataSpaceNames)\s*=\s*\{([^}]*)\}', re.S)


def reader_sources(root):
    files = glob.glob(os.path.join(root, 'arch', '*.cpp'))
    files += glob.glob(os.path.join(root, 'arch', 'energy', '*.cpp'))
    files.append(os.path.join(root, 'sim', 'cli', 'sweep_spec.cpp'))
    return sorted(f for f in files if not f.endswith('json_reader.cpp'))


def keys_in(text):
    keys = set(METHOD.findall(text)) | set(HELPER.findall(text))
    for pattern in (KEY_LIST, KEY_CHOICE, NAME_TABLE):
        for group in pattern.findall(text):
            keys |= set(re.findall(KEY, group))
    return keys


def main():
    root = sys.argv[1]
    keys = {}
    for path in reader_sources(root):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        for key in keys_in(text):
                keys.setdefault(key, os.path.relpath(path, root))
    # The extraction itself must work: these keys are read in each of the forms above.
    for canary in ('capacity_words', 'read_bandwidth', 'cluster_x', 'mult_pj', 'pe_local',
                   'Weights', 'linked', 'pointer', 'area_table', 'by_dataspace', 'padding'):
        if canary not in keys:
            print(f'FAIL the key extraction missed "{canary}"; update {sys.argv[0]}')
            return 1
    if '--list' in sys.argv:
        print('\n'.join(sorted(keys)))
        return 0
    with open(os.path.join(root, 'arch', 'SPEC_REFERENCE.md'), encoding='utf-8') as f:
        reference = f.read()
    missing = sorted(k for k in keys if f'`{k}`' not in reference)
    for key in missing:
        print(f'FAIL `{key}` (read in {keys[key]}) is not in arch/SPEC_REFERENCE.md')
    print(f'spec reference: {len(keys) - len(missing)} of {len(keys)} keys documented')
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
