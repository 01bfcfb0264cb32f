-- mw.uri: URL encoding and URL objects (Scribunto reference manual, "URI library").
-- Written for wikibio.
return function ( mw, py, rt )
	local uri = {}
	local sformat, sgsub, sbyte, schar, sfind, ssub, smatch =
		string.format, string.gsub, string.byte, string.char, string.find, string.sub, string.match
	local tconcat, tsort = table.concat, table.sort
	local info = rt.call( 'siteInfo' )

	local function pct( c )
		return sformat( '%%%02X', sbyte( c ) )
	end

	function uri.encode( s, enctype )
		rt.checkType( 'encode', 1, s, 'string' )
		enctype = enctype or 'QUERY'
		if enctype == 'QUERY' then
			return ( sgsub( sgsub( s, '[^a-zA-Z0-9%-_%.~ ]', pct ), ' ', '+' ) )
		elseif enctype == 'PATH' then
			return ( sgsub( s, '[^a-zA-Z0-9%-_%.~]', pct ) )
		elseif enctype == 'WIKI' then
			return ( sgsub( sgsub( s, ' ', '_' ), '[^a-zA-Z0-9%-_%.~;@%$!%*%(%),/:]', pct ) )
		end
		error( "bad argument #2 to 'encode' (expected QUERY, WIKI, or PATH)", 2 )
	end

	local function unpct( h )
		return schar( tonumber( h, 16 ) )
	end

	function uri.decode( s, enctype )
		rt.checkType( 'decode', 1, s, 'string' )
		enctype = enctype or 'QUERY'
		if enctype == 'QUERY' then
			s = sgsub( s, '%+', ' ' )
		elseif enctype == 'WIKI' then
			s = sgsub( s, '_', ' ' )
		elseif enctype ~= 'PATH' then
			error( "bad argument #2 to 'decode' (expected QUERY, WIKI, or PATH)", 2 )
		end
		return ( sgsub( s, '%%(%x%x)', unpct ) )
	end

	function uri.anchorEncode( s )
		rt.checkType( 'anchorEncode', 1, s, 'string' )
		return mw.getCurrentFrame():callParserFunction( 'anchorencode', s )
	end

	function uri.buildQueryString( qs )
		rt.checkType( 'buildQueryString', 1, qs, 'table' )
		local keys = {}
		for k in pairs( qs ) do
			keys[#keys + 1] = k
		end
		tsort( keys, function ( a, b ) return tostring( a ) < tostring( b ) end )
		local out = {}
		for _, k in ipairs( keys ) do
			local v = qs[k]
			local ek = uri.encode( tostring( k ) )
			if v == false then
				out[#out + 1] = ek
			elseif type( v ) == 'table' then
				for _, x in ipairs( v ) do
					if x == false then
						out[#out + 1] = ek
					else
						out[#out + 1] = ek .. '=' .. uri.encode( tostring( x ) )
					end
				end
			else
				out[#out + 1] = ek .. '=' .. uri.encode( tostring( v ) )
			end
		end
		return tconcat( out, '&' )
	end

	function uri.parseQueryString( s, i, j )
		rt.checkType( 'parseQueryString', 1, s, 'string' )
		s = ssub( s, i or 1, j or -1 )
		local qs = {}
		if s == '' then
			return qs
		end
		for piece in string.gmatch( s .. '&', '([^&]*)&' ) do
			if piece ~= '' then
				local k, v = smatch( piece, '^([^=]*)=(.*)$' )
				if k then
					k, v = uri.decode( k ), uri.decode( v )
				else
					k, v = uri.decode( piece ), false
				end
				local old = qs[k]
				if old == nil then
					qs[k] = v
				elseif type( old ) == 'table' then
					old[#old + 1] = v
				else
					qs[k] = { old, v }
				end
			end
		end
		return qs
	end

	local methods = {}
	local meta = {}
	meta.__index = methods

	local function authority( u )
		if u.host == nil then
			return nil
		end
		local a = ''
		if u.user ~= nil then
			a = u.user
			if u.password ~= nil then
				a = a .. ':' .. u.password
			end
			a = a .. '@'
		end
		a = a .. u.host
		if u.port ~= nil then
			a = a .. ':' .. u.port
		end
		return a
	end

	local function refresh( u )
		rawset( u, 'authority', authority( u ) )
		if u.host ~= nil then
			rawset( u, 'hostPort', u.port ~= nil and ( u.host .. ':' .. u.port ) or u.host )
		else
			rawset( u, 'hostPort', nil )
		end
		local rel = u.path or ''
		if u.queryString ~= nil then
			rel = rel .. '?' .. u.queryString
		end
		if u.fragment ~= nil then
			rel = rel .. '#' .. u.fragment
		end
		rawset( u, 'relativePath', rel )
	end

	meta.__tostring = function ( u )
		local out = ''
		if u.protocol ~= nil then
			out = u.protocol .. ':'
		end
		if u.host ~= nil then
			out = out .. '//' .. authority( u )
		end
		return out .. u.relativePath
	end

	function methods:parse( s )
		local rest = s
		local protocol = smatch( rest, '^([a-zA-Z][a-zA-Z0-9+.%-]*):' )
		if protocol then
			rest = ssub( rest, #protocol + 2 )
		end
		local user, password, host, port
		if ssub( rest, 1, 2 ) == '//' then
			local auth
			auth, rest = smatch( ssub( rest, 3 ), '^([^/?#]*)(.*)$' )
			local at = nil
			for pos = #auth, 1, -1 do
				if ssub( auth, pos, pos ) == '@' then
					at = pos
					break
				end
			end
			if at then
				local userinfo = ssub( auth, 1, at - 1 )
				auth = ssub( auth, at + 1 )
				local colon = sfind( userinfo, ':', 1, true )
				if colon then
					user, password = ssub( userinfo, 1, colon - 1 ), ssub( userinfo, colon + 1 )
				else
					user = userinfo
				end
			end
			local h, p = smatch( auth, '^(%[[^%]]*%]):?(%d*)$' )
			if not h then
				h, p = smatch( auth, '^([^:]*):?(%d*)$' )
			end
			if not h then
				error( 'Invalid URI string', 0 )
			end
			host = h
			if p ~= '' then
				port = tonumber( p )
			end
		end
		local path, query, fragment = smatch( rest, '^([^?#]*)(%??[^#]*)(#?.*)$' )
		self.protocol, self.user, self.password, self.host, self.port =
			protocol, user, password, host, port
		self.path = path
		if query ~= '' then
			self.queryString = ssub( query, 2 )
			self.query = uri.parseQueryString( self.queryString )
		else
			self.queryString, self.query = nil, nil
		end
		self.fragment = fragment ~= '' and ssub( fragment, 2 ) or nil
		refresh( self )
		return self
	end

	function methods:clone()
		local c = setmetatable( mw.clone( setmetatable( {}, nil ) ), meta )
		for k, v in pairs( self ) do
			c[k] = type( v ) == 'table' and mw.clone( v ) or v
		end
		return c
	end

	function methods:setQuery( parameters )
		if type( parameters ) == 'string' then
			self.queryString = parameters
			self.query = uri.parseQueryString( parameters )
		else
			self.query = mw.clone( parameters )
			self.queryString = uri.buildQueryString( parameters )
		end
		refresh( self )
		return self
	end

	function methods:extend( parameters )
		self.query = self.query or {}
		for k, v in pairs( parameters ) do
			self.query[k] = v
		end
		self.queryString = uri.buildQueryString( self.query )
		refresh( self )
		return self
	end

	function methods:update()
		if self.query then
			self.queryString = uri.buildQueryString( self.query )
		end
		refresh( self )
		return self
	end

	function uri.new( s )
		if s == nil or type( s ) == 'string' then
			local u = setmetatable( {}, meta )
			return u:parse( s or tostring( mw.title.getCurrentTitle():fullUrl() ) )
		end
		if type( s ) == 'table' and getmetatable( s ) == meta then
			return s:clone()
		end
		error( "bad argument #1 to 'new' (string or table expected, got " .. type( s ) .. ")", 2 )
	end

	function uri.validate( u )
		return true
	end

	local function pageUrl( page, query, base )
		if type( page ) == 'table' and page.prefixedText then
			page = page.prefixedText
		end
		rt.checkType( 'url', 1, page, 'string' )
		local title = mw.title.new( page )
		if not title then
			return nil
		end
		local name = uri.encode( title.fullText, 'WIKI' )
		if type( query ) == 'table' then
			query = uri.buildQueryString( query )
		end
		local s
		if query == nil or query == '' then
			s = sgsub( info.articlePath, '%$1', function () return name end )
		else
			s = info.script .. '?title=' .. name .. '&' .. query
		end
		return uri.new( base .. s )
	end

	function uri.localUrl( page, query )
		return pageUrl( page, query, '' )
	end
	function uri.fullUrl( page, query )
		return pageUrl( page, query, info.server )
	end
	function uri.canonicalUrl( page, query )
		local server = info.server
		if ssub( server, 1, 2 ) == '//' then
			server = 'http:' .. server
		end
		return pageUrl( page, query, server )
	end

	return uri
end
