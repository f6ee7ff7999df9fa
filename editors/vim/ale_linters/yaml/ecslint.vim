" ale_linters/yaml/ecslint.vim - ecslint for ALE (https://github.com/dense-analysis/ale).
" The buffer goes to ecslint on standard input under its own name, and the
" one-line gcc format comes back: FILE:LINE:COL: error|warning|note: MSG [ECSnnn].

call ale#Set('yaml_ecslint_executable', 'ecslint')
call ale#Set('yaml_ecslint_options', '')

function! ale_linters#yaml#ecslint#GetCommand(buffer) abort
    return '%e check --format gcc --color=never --fail-level none'
    \   . ale#Pad(ale#Var(a:buffer, 'yaml_ecslint_options'))
    \   . ' --stdin-filename %s -'
endfunction

" Only Compose files: other YAML is none of ecslint's business.
function! ale_linters#yaml#ecslint#IsCompose(buffer) abort
    return fnamemodify(bufname(a:buffer), ':t') =~# '\v^(docker-)?compose.*\.ya?ml$'
endfunction

function! ale_linters#yaml#ecslint#Handle(buffer, lines) abort
    if !ale_linters#yaml#ecslint#IsCompose(a:buffer)
        return []
    endif
    let l:pattern = '\v^(.+):(\d+):(\d+): (error|warning|note): (.+) \[([A-Z]+\d+)\]$'
    let l:output = []
    for l:match in ale#util#GetMatches(a:lines, l:pattern)
        let l:lnum = l:match[2] + 0
        " ecslint counts columns in characters, Vim in bytes.
        let l:line = get(getbufline(a:buffer, l:lnum), 0, '')
        let l:byte = byteidxcomp(l:line, l:match[3] - 1)
        call add(l:output, {
        \   'lnum': l:lnum,
        \   'col': l:byte < 0 ? l:match[3] + 0 : l:byte + 1,
        \   'type': l:match[4] is# 'error' ? 'E' : l:match[4] is# 'warning' ? 'W' : 'I',
        \   'text': l:match[5],
        \   'code': l:match[6],
        \})
    endfor
    return l:output
endfunction

call ale#linter#Define('yaml', {
\   'name': 'ecslint',
\   'executable': {b -> ale#Var(b, 'yaml_ecslint_executable')},
\   'command': function('ale_linters#yaml#ecslint#GetCommand'),
\   'callback': 'ale_linters#yaml#ecslint#Handle',
\   'output_stream': 'stdout',
\})
