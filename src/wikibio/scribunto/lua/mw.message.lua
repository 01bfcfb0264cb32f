-- mw.message: interface messages (Scribunto reference manual, "Message library").
-- Written for wikibio.  A dump holds no interface messages except MediaWiki: pages, so a
-- message's text is its MediaWiki: page, else a few core English defaults, else missing.
return function ( mw, py, rt )
	local message = {}
	local checkType = rt.checkType
	local DEFAULTS = {
		mainpage = 'Main Page',
		['comma-separator'] = ', ',
		['word-separator'] = ' ',
		['colon-separator'] = ': ',
		['and'] = ' and',
		pipe_separator = ' | ',
		['parentheses'] = '($1)',
		['brackets'] = '[$1]',
		['percent'] = '$1%',
		['quotation-marks'] = '"$1"',
		['ellipsis'] = '…',
		['dot-separator'] = ' ·',
		['semicolon-separator'] = '; ',
	}

	local methods = {}
	local meta = { __index = methods }

	local function rawText( m )
		if m.raw then
			return m.raw
		end
		for _, key in ipairs( m.keys ) do
			local page = mw.title.makeTitle( 8, key )
			local text = page and page:getContent()
			if text then
				return text
			end
			if DEFAULTS[key] and ( m.lang == nil or m.lang == 'en' ) then
				return DEFAULTS[key]
			end
		end
		return nil
	end

	function message.new( key, ... )
		checkType( 'message.new', 1, key, 'string' )
		local m = setmetatable( { keys = { key }, _params = {} }, meta )
		return m:params( ... )
	end
	function message.newFallbackSequence( ... )
		local m = setmetatable( { keys = { ... }, _params = {} }, meta )
		return m
	end
	function message.newRawMessage( text, ... )
		checkType( 'message.newRawMessage', 1, text, 'string' )
		local m = setmetatable( { keys = {}, raw = text, _params = {} }, meta )
		return m:params( ... )
	end
	function message.rawParam( value ) return { raw = value } end
	function message.numParam( value ) return { num = value } end
	function message.getDefaultLanguage() return mw.language.getContentLanguage() end

	local function addParams( m, kind, ... )
		local list = ...
		if select( '#', ... ) ~= 1 or type( list ) ~= 'table' or getmetatable( list ) == meta
			or list.raw ~= nil or list.num ~= nil then
			list = { ... }
		end
		for i = 1, table.maxn( list ) do
			local p = list[i]
			if kind == 'raw' then
				p = { raw = p }
			elseif kind == 'num' then
				p = { num = p }
			end
			m._params[#m._params + 1] = p
		end
		return m
	end
	function methods:params( ... ) return addParams( self, nil, ... ) end
	function methods:rawParams( ... ) return addParams( self, 'raw', ... ) end
	function methods:numParams( ... ) return addParams( self, 'num', ... ) end
	function methods:inLanguage( lang )
		if type( lang ) == 'table' and lang.getCode then
			lang = lang:getCode()
		end
		self.lang = lang
		return self
	end
	function methods:useDatabase( value ) return self end
	function methods:title( t ) return self end

	local function paramText( p )
		if type( p ) == 'table' then
			if getmetatable( p ) == meta then
				return p:plain()
			elseif p.raw ~= nil then
				return tostring( p.raw )
			elseif p.num ~= nil then
				local n = tonumber( p.num )
				local s = mw.language.getContentLanguage():formatNum( n or 0 )
				return ( string.gsub( s, '^%-', '−' ) )
			end
		end
		return tostring( p )
	end

	local function substitute( m, text )
		return ( string.gsub( text, '%$(%d+)', function ( d )
			local p = m._params[tonumber( d )]
			if p == nil then
				return '$' .. d
			end
			return paramText( p )
		end ) )
	end

	function methods:plain()
		local text = rawText( self )
		if text == nil then
			return '⧼' .. ( self.keys[1] or '' ) .. '⧽'
		end
		return substitute( self, text )
	end
	function methods:text()
		local text = rawText( self )
		if text == nil then
			return '⧼' .. ( self.keys[1] or '' ) .. '⧽'
		end
		return mw.getCurrentFrame():preprocess( substitute( self, text ) )
	end
	methods.parse = methods.text
	function methods:escaped() return mw.text and mw.text.encode( self:text() ) or self:text() end
	function methods:exists() return rawText( self ) ~= nil end
	function methods:isBlank()
		local text = rawText( self )
		return text == nil or text == ''
	end
	function methods:isDisabled()
		local text = rawText( self )
		return text == nil or text == '' or text == '-'
	end
	meta.__tostring = function ( m ) return m:plain() end

	return message
end
