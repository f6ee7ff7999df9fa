# doc_blocks.awk - writes the fenced blocks of a rule page's "## Example"
# section into the directory `out`: a ```yaml block becomes compose.yaml
# (or the file named after the language, ```yaml .ecslint.yaml), the ```text
# block expected.out.  Used by meta_registry.sh (docs must match the
# doc-example fixture) and scripts/sync-doc-examples.
/^## / { in_example = ($0 == "## Example") }
in_example && /^```/ {
	if (file == "") {
		lang = substr($1, 4)
		if (lang == "text")
			file = out "/expected.out"
		else if (lang == "yaml")
			file = out "/" ($2 != "" ? $2 : "compose.yaml")
		else
			file = "/dev/null"
		printf "" > file
		next
	}
	close(file)
	file = ""
	next
}
in_example && file != "" { print > file }
