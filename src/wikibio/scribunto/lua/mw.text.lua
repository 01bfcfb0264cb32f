--[[
	mw.text for wikibio's Scribunto runtime.

	Written from the Scribunto Lua reference manual (the "Text library" section) and
	checked against Scribunto's TextLibraryTests.lua; no Scribunto code is used.

	The chunk returns function( mw, py, rt ) -> the library table:
	  mw  the page's mw table; mw.ustring must already be set;
	  py  the table of wikibio/scribunto/text.py (py.decode: HTML entities), or nil;
	  rt  the runtime's helpers, or nil: rt.unstripNoWiki, rt.jsonEncode,
	      rt.jsonDecode are used when present (strip markers belong to the page being
	      expanded); without them mw.text works alone (JSON in Lua below).
]]

local type, tostring, tonumber, error, pairs, ipairs, next, getmetatable, pcall =
	type, tostring, tonumber, error, pairs, ipairs, next, getmetatable, pcall
local sbyte, schar, sfind, sformat, sgsub, ssub, srep =
	string.byte, string.char, string.find, string.format, string.gsub, string.sub, string.rep
local tconcat, tsort = table.concat, table.sort
local floor, huge = math.floor, math.huge

-- pairs honouring __pairs, as Scribunto's pairs does (the tests order attributes so)
local function spairs( t )
	local mt = getmetatable( t )
	local f = type( mt ) == 'table' and mt.__pairs
	if f then
		return f( t )
	end
	return next, t, nil
end

local function checkType( name, n, value, expected, nilOk )
	if value == nil and nilOk then
		return
	end
	if type( value ) ~= expected then
		error( sformat( "bad argument #%d to '%s' (%s expected, got %s)",
			n, name, expected, type( value ) ), 3 )
	end
end

-- a string argument: numbers are accepted as Lua's string functions accept them
local function checkString( name, n, value, nilOk )
	if type( value ) == 'number' then
		return tostring( value )
	end
	checkType( name, n, value, 'string', nilOk )
	return value
end

-- Strip markers as MediaWiki writes them: \127'"`UNIQ-<name>-<hex>-QINU`"'\127
local MARKER = "\127'\"`UNIQ%-.-%-QINU`\"'\127"

local JSON_PRESERVE_KEYS, JSON_TRY_FIXING, JSON_PRETTY = 1, 2, 4

-- nowiki: MediaWiki's escaping of wikitext (wfEscapeWikiText), as the manual lists
-- it. Replacements apply left to right, the longest key first; the text is read as
-- if it followed a newline, so line-start rules also apply at its start.
local NOWIKI = {
	['"'] = '&#34;', ['&'] = '&#38;', ["'"] = '&#39;', ['<'] = '&#60;', ['='] = '&#61;',
	['>'] = '&#62;', ['['] = '&#91;', [']'] = '&#93;', ['{'] = '&#123;', ['|'] = '&#124;',
	['}'] = '&#125;', [';'] = '&#59;',
	['!!'] = '&#33;!', ['~~~'] = '~~&#126;', ['__'] = '_&#95;', ['://'] = '&#58;//',
	['\239\188\191'] = '&#xFF3F;',
}
for _, nl in ipairs{ '\n', '\r' } do
	NOWIKI[nl .. '!'] = nl .. '&#33;'
	NOWIKI[nl .. '#'] = nl .. '&#35;'
	NOWIKI[nl .. '*'] = nl .. '&#42;'
	NOWIKI[nl .. '+'] = nl .. '&#43;'
	NOWIKI[nl .. '-'] = nl .. '&#45;'
	NOWIKI[nl .. ':'] = nl .. '&#58;'
	NOWIKI[nl .. ' '] = nl .. '&#32;'
	NOWIKI[nl .. '\t'] = nl .. '&#9;'
	NOWIKI[nl .. '\n'] = nl .. '&#10;'
	NOWIKI[nl .. '\r'] = nl .. '&#13;'
end
for _, word in ipairs{ 'ISBN', 'RFC', 'PMID' } do
	NOWIKI[word .. ' '] = word .. '&#32;'
	NOWIKI[word .. '\t'] = word .. '&#9;'
	NOWIKI[word .. '\n'] = word .. '&#10;'
	NOWIKI[word .. '\r'] = word .. '&#13;'
	NOWIKI[word .. '\f'] = word .. '&#12;'
end
local NOWIKI_TRIGGER = '[\n\r"&\'<=>%[%]{|};!~_:IRP\239]'
local NOWIKI_EDGE = { ['_'] = '&#95;', ['~'] = '&#126;' }

return function( mw, py, rt )
	rt = rt or {}
	local ustring = mw.ustring
	local text = {
		JSON_PRESERVE_KEYS = JSON_PRESERVE_KEYS,
		JSON_TRY_FIXING = JSON_TRY_FIXING,
		JSON_PRETTY = JSON_PRETTY,
	}

	-- trim: ASCII whitespace by default, else the characters of a ustring set
	local ASCII_SPACE = { [9] = true, [10] = true, [12] = true, [13] = true, [32] = true }
	function text.trim( s, charset )
		s = checkString( 'trim', 1, s )
		if charset == nil then
			-- PERF: byte scan; the default set is ASCII, so bytes are exact on UTF-8
			local i, j = 1, #s
			while i <= j and ASCII_SPACE[sbyte( s, i )] do
				i = i + 1
			end
			while j >= i and ASCII_SPACE[sbyte( s, j )] do
				j = j - 1
			end
			return ssub( s, i, j )
		end
		charset = checkString( 'trim', 2, charset )
		local set = '[' .. charset .. ']'
		local result = ustring.gsub( s, '^' .. set .. '*(.-)' .. set .. '*$', '%1' )
		return result
	end

	-- encode: characters of the set become HTML entities
	local NAMED = {
		['<'] = '&lt;', ['>'] = '&gt;', ['&'] = '&amp;', ['"'] = '&quot;',
		["'"] = '&#039;', ['\194\160'] = '&nbsp;',
	}
	function text.encode( s, charset )
		s = checkString( 'encode', 1, s )
		if charset == nil then
			-- PERF: the default set '<>&"\' ' (with U+00A0) needs no Unicode pattern
			return ( sgsub( sgsub( s, '[<>&"\']', NAMED ), '\194\160', '&nbsp;' ) )
		end
		charset = checkString( 'encode', 2, charset )
		local result = ustring.gsub( s, '[' .. charset .. ']', function ( c )
			return NAMED[c] or ( '&#' .. ustring.codepoint( c ) .. ';' )
		end )
		return result
	end

	function text.decode( s, decodeNamedEntities )
		s = checkString( 'decode', 1, s )
		if py and py.decode then
			return py.decode( s, decodeNamedEntities and true or false )
		end
		-- without the Python half: the five basic entities and numeric references
		local basic = { lt = '<', gt = '>', amp = '&', quot = '"', nbsp = '\194\160' }
		return ( sgsub( s, '&(#?[xX]?)(%w+);', function ( prefix, body )
			local cp
			if prefix == '' then
				return basic[body]
			elseif prefix == '#' then
				cp = tonumber( body, 10 )
			elseif prefix ~= '#x' and prefix ~= '#X' then
				return nil
			else
				cp = tonumber( body, 16 )
			end
			if cp and cp > 0 and cp <= 0x10ffff and ( cp < 0xd800 or cp > 0xdfff ) then
				return ustring.char( cp )
			end
		end ) )
	end

	function text.nowiki( s )
		s = checkString( 'nowiki', 1, s )
		s = '\n' .. s
		local out, n = {}, 0
		local pos, len = 1, #s
		while pos <= len do
			local at = sfind( s, NOWIKI_TRIGGER, pos )
			if not at then
				n = n + 1
				out[n] = ssub( s, pos )
				break
			end
			if at > pos then
				n = n + 1
				out[n] = ssub( s, pos, at - 1 )
			end
			local done = false
			for l = 5, 1, -1 do
				local repl = NOWIKI[ssub( s, at, at + l - 1 )]
				if repl and at + l - 1 <= len then
					n = n + 1
					out[n] = repl
					pos = at + l
					done = true
					break
				end
			end
			if not done then
				n = n + 1
				out[n] = ssub( s, at, at )
				pos = at + 1
			end
		end
		local result = ssub( tconcat( out ), 2 )
		-- the text's neighbours are unknown: edge characters that combine are escaped
		local first = ssub( result, 1, 1 )
		if NOWIKI_EDGE[first] then
			result = NOWIKI_EDGE[first] .. ssub( result, 2 )
		end
		local last = ssub( result, -1 )
		if NOWIKI_EDGE[last] then
			result = ssub( result, 1, -2 ) .. NOWIKI_EDGE[last]
		elseif last == '\n' then
			result = ssub( result, 1, -2 ) .. '&#10;'
		elseif last == '\r' then
			result = ssub( result, 1, -2 ) .. '&#13;'
		end
		return result
	end

	-- tag: an HTML tag as text; attribute values are HTML-escaped
	local ATTR_ESCAPE = { ['&'] = '&amp;', ['<'] = '&lt;', ['>'] = '&gt;', ['"'] = '&quot;' }
	function text.tag( name, attrs, content )
		local named = type( name ) == 'table'
		if named then
			name, attrs, content = name.name, name.attrs, name.content
		end
		checkType( 'tag', 1, name, 'string' )
		checkType( 'tag', 2, attrs, 'table', true )
		local parts = { '<', name }
		if attrs then
			for k, v in spairs( attrs ) do
				if type( k ) ~= 'string' then
					error( "bad argument #2 to 'tag' (attribute names must be strings)", 2 )
				end
				if v == true then
					parts[#parts + 1] = ' ' .. k
				elseif v ~= false and v ~= nil then
					local tv = type( v )
					if tv ~= 'string' and tv ~= 'number' then
						error( sformat( "bad argument #2 to 'tag' (invalid value type '%s' for attribute '%s')", tv, k ), 2 )
					end
					parts[#parts + 1] = sformat( ' %s="%s"', k, ( sgsub( tostring( v ), '[&<>"]', ATTR_ESCAPE ) ) )
				end
			end
		end
		if content == false then
			parts[#parts + 1] = ' />'
		else
			parts[#parts + 1] = '>'
			if content ~= nil then
				local tc = type( content )
				if tc ~= 'string' and tc ~= 'number' then
					error( sformat( "bad argument #3 to 'tag' (string, number, false or nil expected, got %s)", tc ), 2 )
				end
				parts[#parts + 1] = tostring( content )
				parts[#parts + 1] = '</' .. name .. '>'
			end
		end
		return tconcat( parts )
	end

	-- split and gsplit: an empty match separates characters
	local MAGIC = '[%^%$%(%)%%%.%[%]%*%+%-%?]'
	local function pieces( name, s, pattern, plain )
		s = checkString( name, 1, s )
		pattern = checkString( name, 2, pattern )
		if pattern ~= '' and ( plain or not sfind( pattern, MAGIC ) ) then
			-- PERF: a literal separator is found by bytes; UTF-8 keeps that exact
			local out, n, start = {}, 0, 1
			while true do
				local m, e = sfind( s, pattern, start, true )
				n = n + 1
				if not m then
					out[n] = ssub( s, start )
					return out
				end
				out[n] = ssub( s, start, m - 1 )
				start = e + 1
			end
		end
		if py and py.split then
			local result = py.split( s, pattern, plain and true or false )
			if type( result ) == 'string' then
				error( result, 3 )
			end
			return result
		end
		local out, n, start = {}, 0, 1
		local len = ustring.len( s )
		while true do
			local m, e = ustring.find( s, pattern, start, plain )
			if m and e < m and m == start then
				m, e = ustring.find( s, pattern, start + 1, plain )
			end
			n = n + 1
			if not m or ( e < m and m > len ) then
				out[n] = ustring.sub( s, start )
				return out
			end
			out[n] = ustring.sub( s, start, m - 1 )
			start = e + 1
		end
	end

	function text.split( s, pattern, plain )
		return pieces( 'split', s, pattern, plain )
	end

	function text.gsplit( s, pattern, plain )
		local list, i = pieces( 'gsplit', s, pattern, plain ), 0
		return function ()
			i = i + 1
			return list[i]
		end
	end

	function text.listToText( list, separator, conjunction )
		checkType( 'listToText', 1, list, 'table' )
		separator = separator or ', '
		conjunction = conjunction or ' and '
		local n = #list
		if n == 0 then
			return ''
		elseif n == 1 then
			return tostring( list[1] )
		end
		local parts = {}
		for i = 1, n - 1 do
			parts[i] = tostring( list[i] )
		end
		return tconcat( parts, separator ) .. conjunction .. tostring( list[n] )
	end

	function text.truncate( s, length, ellipsis, adjustLength )
		s = checkString( 'truncate', 1, s )
		checkType( 'truncate', 2, length, 'number' )
		ellipsis = ellipsis == nil and '...' or checkString( 'truncate', 3, ellipsis )
		local size = ustring.len( s )
		local want = length < 0 and -length or length
		if size <= want then
			return s
		end
		local elen = ustring.len( ellipsis )
		if adjustLength then
			want = want - elen
			if want < 1 then
				return ellipsis
			end
		elseif want + elen >= size then
			return s
		end
		if length > 0 then
			return ustring.sub( s, 1, want ) .. ellipsis
		end
		return ellipsis .. ustring.sub( s, -want )
	end

	-- strip markers
	function text.killMarkers( s )
		s = checkString( 'killMarkers', 1, s )
		return ( sgsub( s, MARKER, '' ) )
	end

	function text.unstripNoWiki( s, getOrigTextWhenPreprocessing )
		s = checkString( 'unstripNoWiki', 1, s )
		if rt.unstripNoWiki then
			return rt.unstripNoWiki( s, getOrigTextWhenPreprocessing )
		end
		return s
	end

	function text.unstrip( s )
		s = checkString( 'unstrip', 1, s )
		if rt.unstrip then
			return rt.unstrip( s )
		end
		return text.killMarkers( text.unstripNoWiki( s, true ) )
	end

	-- JSON -------------------------------------------------------------------------------

	local function isInteger( n )
		return n == floor( n ) and n > -2^53 and n < 2^53
	end

	local function numberText( n )
		if isInteger( n ) then
			return sformat( '%d', n )
		end
		for _, f in ipairs{ '%.15g', '%.16g', '%.17g' } do
			local s = sformat( f, n )
			if tonumber( s ) == n then
				return s
			end
		end
		return sformat( '%.17g', n )
	end

	local JSON_ESCAPE = {
		['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
		['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t',
		['\226\128\168'] = '\\u2028', ['\226\128\169'] = '\\u2029',
	}
	local function jsonString( s )
		s = sgsub( s, '[%c"\\]', function ( c )
			return JSON_ESCAPE[c] or sformat( '\\u%04x', sbyte( c ) )
		end )
		s = sgsub( s, '\226\128[\168\169]', JSON_ESCAPE )
		return '"' .. s .. '"'
	end

	-- PHP array keys: integers stay integers, and so do strings that spell one
	local function phpKey( k )
		local tk = type( k )
		if tk == 'number' then
			if k ~= k or k == huge or k == -huge then
				error( sformat( "mw.text.jsonEncode: Cannot use '%s' as a table key",
					k ~= k and 'nan' or ( k > 0 and 'inf' or '-inf' ) ), 0 )
			end
			if isInteger( k ) then
				return k
			end
			return numberText( k )
		elseif tk == 'string' then
			if sfind( k, '^%-?[1-9]%d*$' ) or k == '0' then
				local n = tonumber( k )
				if isInteger( n ) then
					return n
				end
			end
			return k
		end
		error( sformat( "mw.text.jsonEncode: Cannot use type '%s' as a table key", tk ), 0 )
	end

	local encodeValue
	local function encodeTable( t, flags, indent, seen )
		if seen[t] then
			error( 'mw.text.jsonEncode: Cannot use recursive tables', 0 )
		end
		seen[t] = true
		local keys, values, n = {}, {}, 0
		local ints, minInt, maxInt = 0, huge, -huge
		for k, v in spairs( t ) do
			local key = phpKey( k )
			n = n + 1
			keys[n], values[n] = key, v
			if type( key ) == 'number' then
				ints = ints + 1
				if key < minInt then minInt = key end
				if key > maxInt then maxInt = key end
			end
		end
		local pretty = flags % 8 >= JSON_PRETTY
		local nl = pretty and '\n' .. srep( '    ', indent + 1 ) or ''
		local close = pretty and '\n' .. srep( '    ', indent ) or ''
		local parts = {}
		local isList = n == 0 or ( ints == n and maxInt - minInt + 1 == n and (
			minInt == 0 or ( minInt == 1 and flags % 2 == 0 ) ) )
		local result
		if isList then
			local byKey = {}
			for i = 1, n do
				byKey[keys[i]] = values[i]
			end
			for i = 1, n do
				parts[i] = encodeValue( byKey[minInt + i - 1], flags, indent + 1, seen )
			end
			result = n == 0 and '[]' or '[' .. nl .. tconcat( parts, ',' .. nl ) .. close .. ']'
		else
			for i = 1, n do
				parts[i] = jsonString( tostring( keys[i] ) ) .. ( pretty and ': ' or ':' ) ..
					encodeValue( values[i], flags, indent + 1, seen )
			end
			result = '{' .. nl .. tconcat( parts, ',' .. nl ) .. close .. '}'
		end
		seen[t] = nil
		return result
	end

	encodeValue = function ( v, flags, indent, seen )
		local tv = type( v )
		if tv == 'nil' then
			return 'null'
		elseif tv == 'boolean' then
			return v and 'true' or 'false'
		elseif tv == 'number' then
			if v ~= v or v == huge or v == -huge then
				error( 'mw.text.jsonEncode: Cannot encode non-finite numbers', 0 )
			end
			return numberText( v )
		elseif tv == 'string' then
			return jsonString( v )
		elseif tv == 'table' then
			return encodeTable( v, flags, indent, seen )
		end
		error( sformat( "mw.text.jsonEncode: Cannot encode type '%s'", tv ), 0 )
	end

	local function localJsonEncode( value, flags )
		return encodeValue( value, flags, 0, {} )
	end

	-- a small JSON reader (RFC 8259); JSON_TRY_FIXING accepts trailing commas
	local function localJsonDecode( s, flags )
		local pos = 1
		local tryFixing = flags % 4 >= JSON_TRY_FIXING
		local preserve = flags % 2 == JSON_PRESERVE_KEYS
		local function fail()
			error( 'mw.text.jsonDecode: Syntax error', 0 )
		end
		local function skip()
			pos = sfind( s, '[^ \t\r\n]', pos ) or #s + 1
		end
		local readValue
		local function toLua( keys, values, n )
			-- a PHP array whose keys are 0..n-1 becomes a Lua sequence 1..n
			local t = {}
			local list = not preserve
			if list then
				for i = 1, n do
					if keys[i] ~= i - 1 then
						list = false
						break
					end
				end
			end
			for i = 1, n do
				local k = keys[i]
				if list then
					k = k + 1
				end
				t[k] = values[i]
			end
			return t
		end
		local function readString()
			local out = {}
			pos = pos + 1
			while true do
				local a, b = sfind( s, '^[^"\\%c]+', pos )
				if a then
					out[#out + 1] = ssub( s, a, b )
					pos = b + 1
				end
				local c = ssub( s, pos, pos )
				if c == '"' then
					pos = pos + 1
					return tconcat( out )
				elseif c == '\\' then
					local e = ssub( s, pos + 1, pos + 1 )
					local simple = ( { ['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b',
						f = '\f', n = '\n', r = '\r', t = '\t' } )[e]
					if simple then
						out[#out + 1] = simple
						pos = pos + 2
					elseif e == 'u' then
						local hex = ssub( s, pos + 2, pos + 5 )
						if not sfind( hex, '^%x%x%x%x$' ) then
							fail()
						end
						local cp = tonumber( hex, 16 )
						pos = pos + 6
						if cp >= 0xd800 and cp <= 0xdbff then
							local low = sfind( s, '^\\u[dD][c-fC-F]%x%x', pos ) and
								tonumber( ssub( s, pos + 2, pos + 5 ), 16 )
							if low then
								cp = 0x10000 + ( cp - 0xd800 ) * 0x400 + ( low - 0xdc00 )
								pos = pos + 6
							else
								cp = 0xfffd
							end
						elseif cp >= 0xdc00 and cp <= 0xdfff then
							cp = 0xfffd
						end
						out[#out + 1] = ustring.char( cp )
					else
						fail()
					end
				else
					fail()
				end
			end
		end
		local function readContainer( closeChar, isObject )
			pos = pos + 1
			local keys, values, n = {}, {}, 0
			skip()
			if ssub( s, pos, pos ) == closeChar then
				pos = pos + 1
				return toLua( keys, values, 0 )
			end
			while true do
				skip()
				local key
				if isObject then
					if ssub( s, pos, pos ) ~= '"' then
						fail()
					end
					key = readString()
					key = phpKey( key )
					skip()
					if ssub( s, pos, pos ) ~= ':' then
						fail()
					end
					pos = pos + 1
				else
					key = n
				end
				local value = readValue()
				n = n + 1
				keys[n], values[n] = key, value
				skip()
				local c = ssub( s, pos, pos )
				pos = pos + 1
				if c == closeChar then
					return toLua( keys, values, n )
				elseif c ~= ',' then
					fail()
				end
				if tryFixing then
					skip()
					if ssub( s, pos, pos ) == closeChar then
						pos = pos + 1
						return toLua( keys, values, n )
					end
				end
			end
		end
		readValue = function ()
			skip()
			local c = ssub( s, pos, pos )
			if c == '{' then
				return readContainer( '}', true )
			elseif c == '[' then
				return readContainer( ']', false )
			elseif c == '"' then
				return readString()
			end
			local a, b = sfind( s, '^%-?%d+%.?%d*[eE]?[%+%-]?%d*', pos )
			if a then
				local num = tonumber( ssub( s, a, b ) )
				if not num or not sfind( ssub( s, a, b ), '^%-?0?%d' ) then
					fail()
				end
				pos = b + 1
				return num
			end
			for word, value in pairs{ ['true'] = true, ['false'] = false } do
				if ssub( s, pos, pos + #word - 1 ) == word then
					pos = pos + #word
					return value
				end
			end
			if ssub( s, pos, pos + 3 ) == 'null' then
				pos = pos + 4
				return nil
			end
			fail()
		end
		local value = readValue()
		skip()
		if pos <= #s then
			fail()
		end
		return value
	end

	local function rethrow( ok, ... )
		if not ok then
			error( ( ... ), 3 )
		end
		return ...
	end

	function text.jsonEncode( value, flags )
		checkType( 'mw.text.jsonEncode', 2, flags, 'number', true )
		flags = floor( flags or 0 )
		if rt.jsonEncode then
			return rt.jsonEncode( value, flags )
		end
		return rethrow( pcall( localJsonEncode, value, flags ) )
	end

	function text.jsonDecode( s, flags )
		checkType( 'mw.text.jsonDecode', 1, s, 'string' )
		checkType( 'mw.text.jsonDecode', 2, flags, 'number', true )
		flags = floor( flags or 0 )
		if rt.jsonDecode then
			return rt.jsonDecode( s, flags )
		end
		return rethrow( pcall( localJsonDecode, s, flags ) )
	end

	-- normalization is mw.ustring's
	text.toNFC = ustring.toNFC
	text.toNFD = ustring.toNFD
	text.toNFKC = ustring.toNFKC
	text.toNFKD = ustring.toNFKD

	return text
end
