--[[
	mw.html for wikibio's Scribunto runtime: a builder of HTML as wikitext.

	Written from the Scribunto Lua reference manual (the "HTML library" section) and
	checked against Scribunto's HtmlLibraryTests.lua; no Scribunto code is used.

	The chunk returns function( mw, py, rt ) -> the library table (py and rt unused).

	A node has a tag name (or none: then only its children are written), attributes in
	the order they were first set, classes (the "class" attribute), styles (the "style"
	attribute: css properties and raw css text, joined with ";"), children (strings and
	nodes) and a parent.  Void elements (br, hr, img…) and nodes created with
	selfClosing are written as "<tag … />" and refuse children.  Attribute values are
	HTML-escaped, except strip markers, which pass through whole.
]]

local type, tostring, error, setmetatable, getmetatable, next, select =
	type, tostring, error, setmetatable, getmetatable, next, select
local sformat, sgsub, sfind, ssub = string.format, string.gsub, string.find, string.sub
local tconcat = table.concat

local function spairs( t )
	local mt = getmetatable( t )
	local f = type( mt ) == 'table' and mt.__pairs
	if f then
		return f( t )
	end
	return next, t, nil
end

-- HTML's void elements
local VOID = {}
for _, name in ipairs{ 'area', 'base', 'br', 'col', 'command', 'embed', 'hr', 'img', 'input',
		'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr' } do
	VOID[name] = true
end

local MARKER = "\127'\"`UNIQ%-.-%-QINU`\"'\127"
local ESCAPE = { ['&'] = '&amp;', ['<'] = '&lt;', ['>'] = '&gt;', ['"'] = '&quot;' }

local function escapePart( s )
	return ( sgsub( s, '[&<>"]', ESCAPE ) )
end

-- escape an attribute value, leaving strip markers whole
local function escapeAttr( s )
	if not sfind( s, '\127', 1, true ) then
		return escapePart( s )
	end
	local out, pos = {}, 1
	while true do
		local a, b = sfind( s, MARKER, pos )
		if not a then
			out[#out + 1] = escapePart( ssub( s, pos ) )
			break
		end
		out[#out + 1] = escapePart( ssub( s, pos, a - 1 ) )
		out[#out + 1] = ssub( s, a, b )
		pos = b + 1
	end
	return tconcat( out )
end

-- never written to: the absent list of a node
local EMPTY = {}

local function field( t, key )
	local v = t[key]
	if not v then
		v = {}
		t[key] = v
	end
	return v
end

local function fail( fmt, ... )
	error( sformat( fmt, ... ), 3 )
end

return function( mw )
	local ustring = mw.ustring
	local html = {}
	local methods = {}
	local meta = { __index = methods }

	-- XML names: a letter, "_" or ":" first, then letters, digits, "_", ":", ".", "-"
	local function isValidName( s )
		if sfind( s, '^[%a_:][%w_:%.%-]*$' ) then
			return true -- PERF: ASCII names need no Unicode pattern
		end
		return sfind( s, '[\128-\255]' ) ~= nil and ustring.find( s, '^[%a_:][%w_:%.%-]*$' ) ~= nil
	end

	local function newNode( tagName, args )
		local node = {
			tagName = tagName,
			-- made when first needed (PERF: a table cell is one table, not five):
			-- attributes ({ name, value } in first-set order; class/style are slots),
			-- index (name -> position), classes, styles ({ prop, value } or { text })
			nodes = {},
			selfClosing = ( tagName ~= nil and VOID[tagName] ) or false,
		}
		if args then
			if args.selfClosing then
				node.selfClosing = true
			end
			node.parent = args.parent
		end
		return setmetatable( node, meta )
	end

	local function isNode( v )
		return type( v ) == 'table' and getmetatable( v ) == meta
	end

	function html.create( tagName, args )
		if tagName ~= nil and type( tagName ) ~= 'string' then
			fail( "bad argument #1 to 'mw.html.create' (string expected, got %s)", type( tagName ) )
		end
		if args ~= nil and type( args ) ~= 'table' then
			fail( "bad argument #2 to 'mw.html.create' (table expected, got %s)", type( args ) )
		end
		if tagName == '' then
			tagName = nil
		end
		if tagName ~= nil and not isValidName( tagName ) then
			fail( "invalid tag name '%s'", tagName )
		end
		return newNode( tagName, args )
	end

	local function slot( t, name )
		local index, attributes = field( t, 'index' ), field( t, 'attributes' )
		if not index[name] then
			attributes[#attributes + 1] = { name }
			index[name] = #attributes
		end
		return attributes[index[name]]
	end

	local function removeAttr( t, name )
		local i = t.index and t.index[name]
		if i then
			table.remove( t.attributes, i )
			t.index[name] = nil
			for k = i, #t.attributes do
				t.index[t.attributes[k][1]] = k
			end
		end
	end

	local function setAttr( t, name, value )
		if name == 'class' then
			t.classes = {}
			if value ~= nil then
				t.classes[1] = tostring( value )
				slot( t, 'class' )
			end
		elseif name == 'style' then
			t.styles = {}
			if value ~= nil then
				t.styles[1] = { text = tostring( value ) }
				slot( t, 'style' )
			end
		elseif value == nil then
			removeAttr( t, name )
		else
			slot( t, name )[2] = tostring( value )
		end
	end

	local function styleText( t )
		local parts = {}
		for i, s in ipairs( t.styles or EMPTY ) do
			parts[i] = s.text or ( s.prop .. ':' .. s.value )
		end
		return tconcat( parts, ';' )
	end

	local function attrValue( t, name )
		if name == 'class' then
			return t.classes and #t.classes > 0 and tconcat( t.classes, ' ' ) or nil
		elseif name == 'style' then
			return t.styles and #t.styles > 0 and styleText( t ) or nil
		end
		local i = t.index and t.index[name]
		return i and t.attributes[i][2] or nil
	end

	local function checkChildren( t )
		if t.selfClosing then
			error( "self-closing tags can't have child nodes", 3 )
		end
	end

	function methods:node( builder )
		checkChildren( self )
		if builder ~= nil then
			self.nodes[#self.nodes + 1] = builder
		end
		return self
	end

	function methods:wikitext( ... )
		local n = select( '#', ... )
		for i = 1, n do
			local v = select( i, ... )
			if v == nil then
				break
			end
			local tv = type( v )
			if tv ~= 'string' and tv ~= 'number' then
				fail( "bad argument #%d to 'wikitext' (string or number expected, got %s)", i, tv )
			end
			checkChildren( self )
			self.nodes[#self.nodes + 1] = tostring( v )
		end
		return self
	end

	function methods:newline()
		checkChildren( self )
		self.nodes[#self.nodes + 1] = '\n'
		return self
	end

	function methods:tag( tagName, args )
		checkChildren( self )
		if args ~= nil and type( args ) ~= 'table' then
			fail( "bad argument #2 to 'tag' (table expected, got %s)", type( args ) )
		end
		local a = { parent = self }
		if args then
			a.selfClosing = args.selfClosing
		end
		if tagName ~= nil and type( tagName ) ~= 'string' then
			fail( "bad argument #1 to 'tag' (string expected, got %s)", type( tagName ) )
		end
		if tagName == '' then
			tagName = nil
		end
		if tagName ~= nil and not isValidName( tagName ) then
			fail( "invalid tag name '%s'", tagName )
		end
		local child = newNode( tagName, a )
		self.nodes[#self.nodes + 1] = child
		return child
	end

	function methods:attr( name, value )
		if type( name ) == 'table' then
			if value ~= nil then
				fail( "bad argument #2 to 'attr' (if argument #1 is a table, argument #2 must be left empty)" )
			end
			local pairsList = {}
			for k, v in spairs( name ) do
				local tv = type( v )
				if type( k ) ~= 'string' or ( tv ~= 'string' and tv ~= 'number' ) then
					fail( "bad argument #1 to 'attr' (table keys must be strings, and values must be strings or numbers)" )
				end
				pairsList[#pairsList + 1] = { k, v }
			end
			for _, kv in ipairs( pairsList ) do
				if not isValidName( kv[1] ) then
					fail( "bad argument #1 to 'attr' (invalid attribute name '%s')", kv[1] )
				end
				setAttr( self, kv[1], kv[2] )
			end
			return self
		end
		if type( name ) ~= 'string' then
			fail( "bad argument #1 to 'attr' (string expected, got %s)", type( name ) )
		end
		local tv = type( value )
		if value ~= nil and tv ~= 'string' and tv ~= 'number' then
			fail( "bad argument #2 to 'attr' (string, number or nil expected, got %s)", tv )
		end
		if not isValidName( name ) then
			fail( "bad argument #1 to 'attr' (invalid attribute name '%s')", name )
		end
		setAttr( self, name, value )
		return self
	end

	function methods:getAttr( name )
		if type( name ) ~= 'string' then
			fail( "bad argument #1 to 'getAttr' (string expected, got %s)", type( name ) )
		end
		return attrValue( self, name )
	end

	function methods:addClass( class )
		if class == nil then
			return self
		end
		local tc = type( class )
		if tc ~= 'string' and tc ~= 'number' then
			fail( "bad argument #1 to 'addClass' (string, number or nil expected, got %s)", tc )
		end
		local classes = field( self, 'classes' )
		classes[#classes + 1] = tostring( class )
		slot( self, 'class' )
		return self
	end

	local function setCss( t, prop, value )
		prop = tostring( prop )
		for i, s in ipairs( t.styles or EMPTY ) do
			if s.prop == prop then
				if value == nil then
					table.remove( t.styles, i )
				else
					s.value = tostring( value )
				end
				return
			end
		end
		if value ~= nil then
			local styles = field( t, 'styles' )
			styles[#styles + 1] = { prop = prop, value = tostring( value ) }
			slot( t, 'style' )
		end
	end

	function methods:css( name, value )
		local tn = type( name )
		if tn == 'table' then
			if value ~= nil then
				fail( "bad argument #2 to 'css' (if argument #1 is a table, argument #2 must be left empty)" )
			end
			local list = {}
			for k, v in spairs( name ) do
				local tk, tv = type( k ), type( v )
				if ( tk ~= 'string' and tk ~= 'number' ) or ( tv ~= 'string' and tv ~= 'number' ) then
					fail( "bad argument #1 to 'css' (table keys and values must be strings or numbers)" )
				end
				list[#list + 1] = { k, v }
			end
			for _, kv in ipairs( list ) do
				setCss( self, kv[1], kv[2] )
			end
			return self
		end
		if tn ~= 'string' and tn ~= 'number' then
			fail( "bad argument #1 to 'css' (string or number expected, got %s)", tn )
		end
		local tv = type( value )
		if value ~= nil and tv ~= 'string' and tv ~= 'number' then
			fail( "bad argument #2 to 'css' (string, number or nil expected, got %s)", tv )
		end
		setCss( self, name, value )
		return self
	end

	function methods:cssText( css )
		if css == nil then
			return self
		end
		local tc = type( css )
		if tc ~= 'string' and tc ~= 'number' then
			fail( "bad argument #1 to 'cssText' (string, number or nil expected, got %s)", tc )
		end
		local styles = field( self, 'styles' )
		styles[#styles + 1] = { text = tostring( css ) }
		slot( self, 'style' )
		return self
	end

	function methods:done()
		return self.parent or self
	end

	function methods:allDone()
		local node = self
		while node.parent do
			node = node.parent
		end
		return node
	end

	local function build( t, out )
		if t.tagName then
			out[#out + 1] = '<' .. t.tagName
			for _, attr in ipairs( t.attributes or EMPTY ) do
				local value = attrValue( t, attr[1] )
				if value ~= nil then
					out[#out + 1] = ' ' .. attr[1] .. '="' .. escapeAttr( value ) .. '"'
				end
			end
			if t.selfClosing then
				out[#out + 1] = ' />'
				return
			end
			out[#out + 1] = '>'
		end
		for _, child in ipairs( t.nodes ) do
			if isNode( child ) then
				build( child, out )
			else
				out[#out + 1] = tostring( child )
			end
		end
		if t.tagName then
			out[#out + 1] = '</' .. t.tagName .. '>'
		end
	end

	function meta.__tostring( t )
		local out = {}
		build( t, out )
		return tconcat( out )
	end

	-- a node concatenates like its text
	function meta.__concat( a, b )
		return tostring( a ) .. tostring( b )
	end

	return html
end
