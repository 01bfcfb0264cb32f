-- mw.title: title objects (Scribunto reference manual, "Title library"), parsed by the
-- expander's title rules and answered from the template source.  Written for wikibio.
return function ( mw, py, rt, page )
	local title = {}
	local call = rt.call
	local checkType = rt.checkType
	local sfind, ssub, sgsub, smatch = string.find, string.sub, string.gsub, string.match
	local site = mw.site

	local meta = {}
	local methods = {}
	local lookedUp = {}    -- prefixed text -> { exists, id } (the expensive lookups made)
	local batchKnown = {}  -- prefixed text -> true (existence fetched by a batch)

	local function nsNumber( ns, name, argIdx )
		if ns == nil then
			return 0
		end
		if type( ns ) == 'number' then
			return ns
		end
		if type( ns ) == 'string' then
			local found = site.namespaces[ns]
			if found then
				return found.id
			end
			local n = tonumber( ns )
			if n then
				return n
			end
			error( "bad argument #" .. argIdx .. " to '" .. name .. "' (unrecognized namespace name '" .. ns .. "')", 3 )
		end
		error( "bad argument #" .. argIdx .. " to '" .. name .. "' (string or number expected, got " .. type( ns ) .. ")", 3 )
	end

	local function normalFragment( f )
		f = sgsub( sgsub( f, '_', ' ' ), '  +', ' ' )
		return ( sgsub( f, ' +$', '' ) )
	end

	local function make( info )
		if info == nil then
			return nil
		end
		local t = {
			namespace = info.namespace,
			text = info.text,
			interwiki = info.interwiki,
			_fragment = info.fragment,
			nsText = info.nsText,
		}
		rawset( t, '_canonical', info.canonical )
		rawset( t, '_ifaceUrl', info.interwikiUrl )
		return setmetatable( t, meta )
	end

	local function prefixed( t )
		local s = t.text
		if t.nsText ~= '' then
			s = t.nsText .. ':' .. s
		end
		if t.interwiki ~= '' then
			s = t.interwiki .. ':' .. s
		end
		return s
	end

	local function hasSubpages( t )
		local ns = site.namespaces[t.namespace]
		return t.interwiki == '' and ns and ns.hasSubpages
	end

	local function existence( t, expensive )
		local key = rawget( t, '_canonical' ) or prefixed( t )
		local known = lookedUp[key]
		if known then
			return known
		end
		if expensive and not batchKnown[key] and not t.isCurrentTitle then
			mw.incrementExpensiveFunctionCount()
		end
		local exists, id, content = call( 'titleExists', key )
		known = { exists = exists, id = id }
		lookedUp[key] = known
		return known
	end

	local function url( t, kind, query, proto )
		if t.interwiki ~= '' then
			local base = rawget( t, '_ifaceUrl' ) or ''
			local name = mw.uri.encode( t.nsText ~= '' and ( t.nsText .. ':' .. t.text ) or t.text, 'WIKI' )
			local s = sgsub( base, '%$1', function () return name end )
			if query ~= nil and query ~= '' then
				if type( query ) == 'table' then
					query = mw.uri.buildQueryString( query )
				end
				s = s .. ( sfind( s, '?', 1, true ) and '&' or '?' ) .. query
			end
			if kind == 'canonical' or proto == 'http' or proto == 'https' then
				if ssub( s, 1, 2 ) == '//' then
					s = ( proto == 'https' and 'https:' or 'http:' ) .. s
				end
			end
			return s
		end
		local u
		if kind == 'local' then
			u = mw.uri.localUrl( prefixed( t ), query )
		elseif kind == 'canonical' then
			u = mw.uri.canonicalUrl( prefixed( t ), query )
		else
			u = mw.uri.fullUrl( prefixed( t ), query )
			if proto == 'http' or proto == 'https' then
				u.protocol = proto
			end
		end
		local s = tostring( u )
		if kind ~= 'local' and t.fragment ~= '' then
			s = s .. '#' .. sgsub( sgsub( t.fragment, ' ', '_' ), '[%c%%"<>%[%]{}|]', function ( c )
				return string.format( '%%%02X', string.byte( c ) )
			end )
		end
		return s
	end

	local getters = {}
	function getters.fragment( t ) return rawget( t, '_fragment' ) end
	function getters.prefixedText( t ) return prefixed( t ) end
	function getters.fullText( t )
		local s = prefixed( t )
		if t.fragment ~= '' then
			s = s .. '#' .. t.fragment
		end
		return s
	end
	function getters.rootText( t )
		if hasSubpages( t ) then
			return ( smatch( t.text, '^([^/]*)' ) )
		end
		return t.text
	end
	function getters.baseText( t )
		if hasSubpages( t ) then
			local base = smatch( t.text, '^(.*)/[^/]*$' )
			if base and base ~= '' then
				return base
			end
		end
		return t.text
	end
	function getters.subpageText( t )
		if hasSubpages( t ) then
			local sub = smatch( t.text, '/([^/]*)$' )
			if sub then
				return sub
			end
		end
		return t.text
	end
	function getters.isSubpage( t )
		return hasSubpages( t ) and sfind( t.text, '/', 1, true ) ~= nil or false
	end
	function getters.isLocal( t ) return t.interwiki == '' end
	function getters.isExternal( t ) return t.interwiki ~= '' end
	function getters.isTalkPage( t )
		if t.interwiki ~= '' then return nil end
		return t.namespace >= 0 and t.namespace % 2 == 1
	end
	function getters.isSpecialPage( t ) return t.namespace == -1 end
	function getters.isContentPage( t )
		local ns = site.namespaces[t.namespace]
		return ns ~= nil and ns.isContent or false
	end
	function getters.canTalk( t )
		if t.interwiki ~= '' then return nil end
		return t.namespace >= 0
	end
	function getters.subjectNsText( t )
		if t.interwiki ~= '' then return nil end
		local ns = site.namespaces[t.namespace]
		return ns and ns.subject.name or nil
	end
	function getters.talkNsText( t )
		if t.interwiki ~= '' or t.namespace < 0 then return nil end
		local ns = site.namespaces[t.namespace]
		return ns and ns.talk and ns.talk.name or nil
	end
	function getters.id( t )
		if t.interwiki ~= '' then return 0 end
		return existence( t, true ).id or 0
	end
	function getters.exists( t )
		if t.interwiki ~= '' then return false end
		if t.namespace == -2 or t.namespace == 6 then
			return getters.file( t ).exists
		end
		return existence( t, true ).exists
	end
	function getters.isRedirect( t )
		return getters.redirectTarget( t ) ~= false
	end
	function getters.redirectTarget( t )
		if t.interwiki ~= '' then return false end
		local content = methods.getContent( t )
		if content == nil then
			return false
		end
		local target = smatch( content, '^%s*#[Rr][Ee][Dd][Ii][Rr][Ee][Cc][Tt]%s*:?%s*%[%[([^%]|]+)' )
		if not target and t.namespace == 828 then
			target = smatch( content, '^%s*return%s+require%s*%(?%s*%[%[([^%]]+)%]%]%s*%)?%s*$' )
		end
		if not target then
			return false
		end
		return title.new( target ) or false
	end
	function getters.contentModel( t )
		if t.namespace == 828 then
			return smatch( t.text, '%.json$' ) and 'json' or 'Scribunto'
		end
		if smatch( t.text, '%.json$' ) and ( t.namespace == 2 or t.namespace == 8 ) then
			return 'json'
		end
		if smatch( t.text, '%.css$' ) and ( t.namespace == 2 or t.namespace == 8 ) then
			return 'css'
		end
		if smatch( t.text, '%.js$' ) and ( t.namespace == 2 or t.namespace == 8 ) then
			return 'javascript'
		end
		return 'wikitext'
	end
	function getters.content( t )
		return methods.getContent( t ) or false
	end
	function getters.protectionLevels( t ) return {} end
	function getters.cascadingProtection( t ) return { restrictions = {}, sources = {} } end
	local files = {}
	function getters.file( t )
		if t.namespace ~= 6 and t.namespace ~= -2 then
			return nil
		end
		-- a dump has no file repository: every file is missing (an expensive lookup)
		local key = t.text
		if not files[key] then
			mw.incrementExpensiveFunctionCount()
			files[key] = { exists = false }
		end
		return files[key]
	end
	getters.fileExists = function ( t )
		local f = getters.file( t )
		return f ~= nil and f.exists or false
	end
	function getters.basePageTitle( t )
		return title.makeTitle( t.namespace, getters.baseText( t ) )
	end
	function getters.rootPageTitle( t )
		return title.makeTitle( t.namespace, getters.rootText( t ) )
	end
	function getters.talkPageTitle( t )
		if t.namespace < 0 then return nil end
		return title.makeTitle( t.namespace % 2 == 0 and t.namespace + 1 or t.namespace, t.text )
	end
	function getters.subjectPageTitle( t )
		return title.makeTitle( t.namespace >= 0 and t.namespace - t.namespace % 2 or t.namespace, t.text )
	end
	function getters.pageLang( t )
		return mw.language.getContentLanguage()
	end
	function getters.pageLanguage( t )
		return mw.language.getContentLanguage()
	end

	meta.__index = function ( t, k )
		local g = getters[k]
		if g then
			return g( t )
		end
		return methods[k]
	end
	meta.__newindex = function ( t, k, v )
		if k == 'fragment' then
			checkType( 'fragment', 1, v, 'string' )
			rawset( t, '_fragment', normalFragment( v ) )
			return
		end
		error( "index '" .. tostring( k ) .. "' is read only", 2 )
	end
	meta.__tostring = function ( t ) return prefixed( t ) end
	local function cmp( a, b )
		if a.interwiki ~= b.interwiki then
			return a.interwiki < b.interwiki and -1 or 1
		end
		if a.namespace ~= b.namespace then
			return a.namespace < b.namespace and -1 or 1
		end
		if a.text ~= b.text then
			return a.text < b.text and -1 or 1
		end
		return 0
	end
	meta.__eq = function ( a, b ) return cmp( a, b ) == 0 end
	meta.__lt = function ( a, b ) return cmp( a, b ) < 0 end
	meta.__le = function ( a, b ) return cmp( a, b ) <= 0 end

	function methods.partialUrl( t )
		return mw.uri.encode( t.text, 'WIKI' )
	end
	function methods.fullUrl( t, query, proto )
		return url( t, 'full', query, proto )
	end
	function methods.localUrl( t, query )
		return url( t, 'local', query )
	end
	function methods.canonicalUrl( t, query )
		return url( t, 'canonical', query )
	end
	function methods.getContent( t )
		if t.interwiki ~= '' then return nil end
		return call( 'pageContent', rawget( t, '_canonical' ) or prefixed( t ) )
	end
	function methods.inNamespace( t, ns )
		return t.namespace == nsNumber( ns, 'inNamespace', 1 )
	end
	function methods.inNamespaces( t, ... )
		for i = 1, select( '#', ... ) do
			if t.namespace == nsNumber( ( select( i, ... ) ), 'inNamespaces', i ) then
				return true
			end
		end
		return false
	end
	function methods.hasSubjectNamespace( t, ns )
		local n = nsNumber( ns, 'hasSubjectNamespace', 1 )
		local subj = t.namespace >= 0 and t.namespace - t.namespace % 2 or t.namespace
		local other = n >= 0 and n - n % 2 or n
		return subj == other
	end
	function methods.isSubpageOf( t, other )
		if t.interwiki ~= '' or other.interwiki ~= '' or t.namespace ~= other.namespace then
			return false
		end
		return hasSubpages( t ) and ssub( t.text, 1, #other.text + 1 ) == other.text .. '/' or false
	end
	function methods.subPageTitle( t, text )
		checkType( 'subPageTitle', 1, text, 'string' )
		return title.makeTitle( t.namespace, t.text .. '/' .. text )
	end
	function methods.getNoticeContent( t ) return nil end
	function methods.getEditNoticeContent( t ) return nil end
	function methods.getPreview( t ) return nil end

	-- constructors --------------------------------------------------------------------

	function title.new( text_or_id, defaultNamespace )
		if type( text_or_id ) == 'number' then
			if text_or_id <= 0 then
				return nil
			end
			return make( call( 'titleById', text_or_id ) )
		end
		if type( text_or_id ) ~= 'string' then
			error( "bad argument #1 to 'title.new' (string or number expected, got " .. type( text_or_id ) .. ")", 2 )
		end
		local ns = nsNumber( defaultNamespace, 'title.new', 2 )
		return make( call( 'titleInfo', text_or_id, ns, false ) )
	end

	function title.makeTitle( ns, text, fragment, interwiki )
		checkType( 'makeTitle', 2, text, 'string' )
		local n = nsNumber( ns, 'makeTitle', 1 )
		local full = text
		local info = call( 'titleInfo', full, n, true, interwiki or '' )
		if info and fragment then
			info.fragment = normalFragment( fragment )
		end
		return make( info )
	end

	function title.getCurrentTitle()
		local t = make( call( 'titleInfo', call( 'currentTitle' ), 0, false ) )
		rawset( t, 'isCurrentTitle', true )
		return t
	end

	function title.equals( a, b )
		return cmp( a, b ) == 0 and a.fragment == b.fragment
	end
	function title.compare( a, b )
		return cmp( a, b )
	end

	function title.newBatch( list, defaultNamespace )
		checkType( 'newBatch', 1, list, 'table' )
		local titles = {}
		for i, text in ipairs( list ) do
			titles[i] = title.new( text, defaultNamespace ) or false
		end
		local batch = {}
		function batch:lookupExistence()
			local n = 0
			for _, t in ipairs( titles ) do
				if t and t.namespace ~= -2 and t.namespace ~= 6 then
					n = n + 1
				end
			end
			for _ = 1, math.ceil( n / 25 ) do
				mw.incrementExpensiveFunctionCount()
			end
			for _, t in ipairs( titles ) do
				if t and t.namespace ~= -2 and t.namespace ~= 6 then
					batchKnown[rawget( t, '_canonical' ) or prefixed( t )] = true
				end
			end
			return self
		end
		function batch:getTitles()
			return titles
		end
		return batch
	end

	return title
end
