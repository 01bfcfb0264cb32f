-- mw.language: language objects (Scribunto reference manual, "Language library").
-- Written for wikibio.  wikibio models one content language with English rules: number
-- and date formatting, plural, gender, grammar and names come from the expander's parser
-- functions (formatnum, #time, plural, gender, grammar, #language), case from Python.
return function ( mw, py, rt )
	local language = {}
	local call, checkType = rt.call, rt.checkType
	local smatch, sfind, sgsub = string.match, string.find, string.gsub
	language.FALLBACK_MESSAGES = 'messages'
	language.FALLBACK_STRICT = 'strict'

	local RTL = {
		ar = true, arc = true, arz = true, azb = true, bcc = true, bqi = true, ckb = true,
		dv = true, fa = true, glk = true, he = true, khw = true, ks = true, lrc = true,
		mzn = true, pnb = true, ps = true, sd = true, skr = true, ug = true, ur = true,
		yi = true, ['ks-arab'] = true, ['ku-arab'] = true,
	}
	local BCP47 = { ['sr-ec'] = 'sr-Cyrl', ['sr-el'] = 'sr-Latn', simple = 'en-simple',
		['zh-hans'] = 'zh-Hans', ['zh-hant'] = 'zh-Hant', ['be-tarask'] = 'be-tarask',
		['en-gb'] = 'en-GB', ['pt-br'] = 'pt-BR' }
	local FALLBACKS = { de = { 'en' }, arz = { 'ar', 'en' }, ['pt-br'] = { 'pt', 'en' },
		['en-gb'] = { 'en' }, kaa = { 'kk-latn', 'kk-cyrl', 'en' }, fa = { 'en' },
		ltg = { 'lv', 'en' } }

	local function frame()
		return mw.getCurrentFrame()
	end

	function language.isValidCode( code )
		checkType( 'isValidCode', 1, code, 'string' )
		return not sfind( code, '[:/\\%z\n%%<>&\'"%[%]{}|]' ) and code ~= ''
	end
	function language.isValidBuiltInCode( code )
		checkType( 'isValidBuiltInCode', 1, code, 'string' )
		return smatch( code, '^[a-z0-9%-]+$' ) ~= nil
	end
	function language.isKnownLanguageTag( code )
		checkType( 'isKnownLanguageTag', 1, code, 'string' )
		return language.isValidBuiltInCode( code ) and language.fetchLanguageName( code ) ~= ''
	end
	function language.isSupportedLanguage( code )
		checkType( 'isSupportedLanguage', 1, code, 'string' )
		return language.isKnownLanguageTag( code )
	end
	function language.fetchLanguageName( code, inLanguage )
		checkType( 'fetchLanguageName', 1, code, 'string' )
		if not smatch( code, '^[a-zA-Z0-9%-]+$' ) then
			return ''
		end
		local name = frame():callParserFunction( '#language', code, inLanguage )
		if name == code then
			return ''
		end
		return name
	end
	function language.fetchLanguageNames( inLanguage, include )
		return call( 'languageNames' )
	end
	function language.getFallbacksFor( code, mode )
		checkType( 'getFallbacksFor', 1, code, 'string' )
		local list = FALLBACKS[string.lower( code )]
		if not list then
			if language.isValidBuiltInCode( code ) and code ~= 'en' then
				list = { 'en' }
			else
				list = {}
			end
		end
		local out = {}
		for _, c in ipairs( list ) do
			if not ( mode == language.FALLBACK_STRICT and c == 'en' ) then
				out[#out + 1] = c
			end
		end
		return out
	end

	local methods = {}
	local meta = { __index = methods }

	local function check( self, name )
		if type( self ) ~= 'table' or getmetatable( self ) ~= meta then
			error( 'mw.language: invalid language object. Did you call ' .. name ..
				' with a dot instead of a colon, i.e. lang.' .. name .. '() instead of lang:' .. name .. '()?', 3 )
		end
		if not language.isValidCode( self.code ) then
			error( "language code '" .. self.code .. "' is invalid", 3 )
		end
	end

	function language.new( code )
		checkType( 'mw.language.new', 1, code, 'string' )
		return setmetatable( { code = code }, meta )
	end
	language.getLanguage = language.new

	local content
	function language.getContentLanguage()
		if not content then
			content = language.new( call( 'siteInfo' ).language )
		end
		return content
	end
	mw.getContentLanguage = language.getContentLanguage
	mw.getLanguage = language.new

	function methods:getCode()
		return self.code
	end
	function methods:toBcp47Code()
		check( self, 'toBcp47Code' )
		local c = BCP47[self.code]
		if c then
			return c
		end
		return ( sgsub( self.code, '%-(%a%a)$', function ( r ) return '-' .. string.upper( r ) end ) )
	end
	function methods:getFallbackLanguages( mode )
		check( self, 'getFallbackLanguages' )
		return language.getFallbacksFor( self.code, mode )
	end
	function methods:isRTL()
		check( self, 'isRTL' )
		return RTL[self.code] == true
	end
	function methods:getDir()
		check( self, 'getDir' )
		return RTL[self.code] and 'rtl' or 'ltr'
	end
	function methods:getDirMark( opposite )
		check( self, 'getDirMark' )
		local rtl = RTL[self.code] == true
		if opposite then
			rtl = not rtl
		end
		return rtl and '\226\128\143' or '\226\128\142'
	end
	function methods:getDirMarkEntity( opposite )
		check( self, 'getDirMarkEntity' )
		local rtl = RTL[self.code] == true
		if opposite then
			rtl = not rtl
		end
		return rtl and '&rlm;' or '&lrm;'
	end
	function methods:getArrow( direction )
		local rtl = RTL[self.code] == true
		if direction ~= 'left' and direction ~= 'right' and direction ~= 'up' and direction ~= 'down' then
			check( self, 'getArrow' )
		end
		if direction == 'forwards' then
			return rtl and '←' or '→'
		elseif direction == 'backwards' then
			return rtl and '→' or '←'
		elseif direction == 'left' then
			return '←'
		elseif direction == 'right' then
			return '→'
		elseif direction == 'up' then
			return '↑'
		elseif direction == 'down' then
			return '↓'
		end
		return rtl and '←' or '→'
	end
	for _, name in ipairs{ 'lc', 'uc', 'lcfirst', 'ucfirst', 'caseFold' } do
		methods[name] = function ( self, s )
			check( self, name )
			if type( s ) == 'number' then
				s = tostring( s )
			end
			checkType( name, 1, s, 'string' )
			return call( 'caseOp', name, s )
		end
	end
	function methods:formatNum( n, opts )
		check( self, 'formatNum' )
		if type( n ) == 'string' then
			n = tonumber( n ) or n
		end
		if type( n ) ~= 'number' then
			error( "bad argument #1 to 'formatNum' (number expected, got " .. type( n ) .. ")", 2 )
		end
		if n ~= n then
			error( "bad argument #1 to 'formatNum' (NaN)", 2 )
		end
		if n == math.huge or n == -math.huge then
			error( "bad argument #1 to 'formatNum' (infinite)", 2 )
		end
		local s
		if n == math.floor( n ) and math.abs( n ) < 1e15 then
			s = string.format( '%d', n )
		else
			s = string.format( '%.14g', n )
			if sfind( s, 'e' ) then
				s = tostring( n )
			end
		end
		if type( opts ) == 'table' and opts.noCommafy then
			return s
		end
		return frame():callParserFunction( 'formatnum', s )
	end
	function methods:parseFormattedNumber( s )
		check( self, 'parseFormattedNumber' )
		if type( s ) == 'number' then
			return s
		end
		checkType( 'parseFormattedNumber', 1, s, 'string' )
		return tonumber( ( sgsub( s, ',', '' ) ) )
	end
	function methods:formatDate( format, timestamp, localTime )
		check( self, 'formatDate' )
		checkType( 'formatDate', 1, format, 'string' )
		if timestamp ~= nil then
			checkType( 'formatDate', 2, timestamp, 'string' )
		end
		local ok, out = call( 'formatDate', format, timestamp or '', localTime and true or false )
		if not ok then
			error( "bad argument #2 to 'formatDate' (" .. out .. ")", 2 )
		end
		return out
	end
	function methods:formatDuration( seconds, allowed )
		check( self, 'formatDuration' )
		checkType( 'formatDuration', 1, seconds, 'number' )
		local units = {
			{ 'millennia', 31556952000, 'millennium', 'millennia' },
			{ 'centuries', 3155695200, 'century', 'centuries' },
			{ 'decades', 315569520, 'decade', 'decades' },
			{ 'years', 31556952, 'year', 'years' },
			{ 'weeks', 604800, 'week', 'weeks' },
			{ 'days', 86400, 'day', 'days' },
			{ 'hours', 3600, 'hour', 'hours' },
			{ 'minutes', 60, 'minute', 'minutes' },
			{ 'seconds', 1, 'second', 'seconds' },
		}
		local allow = {}
		if type( allowed ) == 'table' then
			for _, u in ipairs( allowed ) do
				allow[u] = true
			end
		else
			for _, u in ipairs{ 'years', 'days', 'hours', 'minutes', 'seconds' } do
				allow[u] = true
			end
		end
		local parts = {}
		for _, u in ipairs( units ) do
			if allow[u[1]] and seconds >= u[2] then
				local n = math.floor( seconds / u[2] )
				seconds = seconds - n * u[2]
				parts[#parts + 1] = n .. ' ' .. ( n == 1 and u[3] or u[4] )
			end
		end
		if #parts == 0 then
			return '0 seconds'
		end
		if #parts == 1 then
			return parts[1]
		end
		return table.concat( parts, ', ', 1, #parts - 1 ) .. ' and ' .. parts[#parts]
	end
	function methods:convertPlural( n, ... )
		check( self, 'convertPlural' )
		local forms = ...
		if type( forms ) ~= 'table' then
			forms = { ... }
		end
		if #forms == 0 then
			return ''
		end
		return call( 'plural', self.code, tonumber( n ) or 0, forms )
	end
	methods.plural = methods.convertPlural
	function methods:convertGender( gender, ... )
		check( self, 'gender' )
		local forms = ...
		if type( forms ) ~= 'table' then
			forms = { ... }
		end
		if gender == 'male' then
			return forms[1] or ''
		elseif gender == 'female' then
			return forms[2] or forms[1] or ''
		end
		return forms[3] or forms[1] or ''
	end
	methods.gender = methods.convertGender
	function methods:convertGrammar( word, case )
		check( self, 'convertGrammar' )
		return word
	end
	function methods:grammar( case, word )
		check( self, 'grammar' )
		return word
	end
	function methods:getDurationIntervals( seconds, allowed )
		check( self, 'getDurationIntervals' )
		return {}
	end

	return language
end
