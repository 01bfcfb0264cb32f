-- mw base library, the frame object, require, mw.loadData and mw.loadJsonData.
--
-- Written for wikibio from the Scribunto reference manual.  The returned function is
-- called once per page with the page's fresh `mw` table, the page state, the library
-- builders and the runtime's helpers.

return function ( mw, page, libs, rt )
	local call, env = rt.call, rt.env
	local type, pairs, next, error, select = type, rt.pairs, next, error, select
	local tostring, tonumber = rt.tostring, tonumber
	local setmetatable, getmetatable, rawget = setmetatable, getmetatable, rawget
	local sformat, sfind, smatch, srep = string.format, string.find, string.match, string.rep
	local tconcat, tsort = table.concat, table.sort

	local function checkType( name, argIdx, arg, expectType, nilOk )
		if arg == nil and nilOk then
			return
		end
		if type( arg ) ~= expectType then
			error( sformat( "bad argument #%d to '%s' (%s expected, got %s)",
				argIdx, name, expectType, type( arg ) ), 3 )
		end
	end

	-- mw base ------------------------------------------------------------------------

	function mw.clone( val )
		local seen = {}
		local function clone( v )
			if type( v ) ~= 'table' then
				return v
			end
			if seen[v] then
				return seen[v]
			end
			local out = {}
			seen[v] = out
			for k, x in next, v do
				out[clone( k )] = clone( x )
			end
			local mt = getmetatable( v )
			if mt then
				setmetatable( out, clone( mt ) )
			end
			return out
		end
		return clone( val )
	end

	function mw.allToString( ... )
		local parts = {}
		for i = 1, select( '#', ... ) do
			parts[i] = tostring( ( select( i, ... ) ) )
		end
		return tconcat( parts, '\t' )
	end

	page.logs = {}
	function mw.log( ... )
		page.logs[#page.logs + 1] = mw.allToString( ... )
	end

	function mw.dumpObject( object )
		local doneTable, doneObj, ct = {}, {}, {}
		local function sorter( a, b )
			local ta, tb = type( a ), type( b )
			if ta ~= tb then
				return ta < tb
			end
			if ta == 'string' or ta == 'number' then
				return a < b
			elseif ta == 'boolean' then
				return tostring( a ) < tostring( b )
			end
			return false
		end
		local function fmt( v )
			if type( v ) == 'string' then
				return sformat( '%q', v )
			end
			return tostring( v )
		end
		local function dump( obj, indent )
			if type( obj ) ~= 'table' then
				return fmt( obj )
			end
			if not doneObj[obj] then
				ct[#ct + 1] = obj
				doneObj[obj] = #ct
			end
			if doneTable[obj] then
				return sformat( 'table#%d', doneObj[obj] )
			end
			doneTable[obj] = true
			local mt = getmetatable( obj )
			local header = sformat( 'table#%d ', doneObj[obj] )
			if mt then
				header = header .. 'metatable(' .. dump( mt, indent ) .. ') '
			end
			local out = { header .. '{' }
			local seenKeys = {}
			local n = 1
			while rawget( obj, n ) ~= nil do
				out[#out + 1] = srep( ' ', indent + 2 ) .. dump( rawget( obj, n ), indent + 2 ) .. ','
				seenKeys[n] = true
				n = n + 1
			end
			local keys = {}
			for k in next, obj do
				if not seenKeys[k] then
					keys[#keys + 1] = k
				end
			end
			tsort( keys, sorter )
			for _, k in ipairs( keys ) do
				local ks
				if type( k ) == 'string' and smatch( k, '^[a-zA-Z_][a-zA-Z0-9_]*$' ) then
					ks = k
				else
					ks = '[' .. dump( k, indent + 2 ) .. ']'
				end
				out[#out + 1] = srep( ' ', indent + 2 ) .. ks .. ' = ' .. dump( rawget( obj, k ), indent + 2 ) .. ','
			end
			out[#out + 1] = srep( ' ', indent ) .. '}'
			return tconcat( out, '\n' )
		end
		return dump( object, 0 )
	end

	function mw.logObject( object, prefix )
		if prefix and prefix ~= '' then
			mw.log( prefix .. ' = ' .. mw.dumpObject( object ) )
		else
			mw.log( mw.dumpObject( object ) )
		end
	end

	function mw.incrementExpensiveFunctionCount()
		page.expensive = page.expensive + 1
		if page.expensive > page.limits.expensive then
			error( 'too many expensive function calls', 3 )
		end
	end

	function mw.isSubsting()
		return false
	end

	page.warnings = {}
	function mw.addWarning( text )
		if type( text ) ~= 'string' and type( text ) ~= 'number' then
			error( "bad argument #1 to 'addWarning' (string expected)", 2 )
		end
		page.warnings[#page.warnings + 1] = tostring( text )
	end

	function mw.getCurrentFrame()
		if not page.currentFrame then
			page.currentFrame = page.newFrame( 'current' )
		end
		return page.currentFrame
	end

	if page.limits.testMode then
		function mw.makeProtectedEnvFuncsForTest( protectedEnvs, protectedFunctions )
			return rt.makeProtectedEnvFuncs( protectedEnvs, protectedFunctions )
		end
	end

	-- frames ---------------------------------------------------------------------------

	-- argument names as MediaWiki's PHP arrays key them: integer-looking names are numbers
	local function argKey( name )
		if smatch( name, '^%-?[1-9]%d*$' ) or name == '0' then
			local n = tonumber( name )
			if n and n < 2^53 then
				return n
			end
		end
		return name
	end

	local frames = {}
	local function newFrame( frameId )
		if frames[frameId] then
			return frames[frameId]
		end
		local frame = {}
		local args = {}
		local argCache = {}
		local argMeta = {}
		-- the frame's argument names, fetched once: a name the call does not have is nil
		-- without asking the expander (Module:Infobox probes hundreds of absent names)
		local known
		argMeta.__index = function ( t, key )
			if type( key ) == 'number' then
				key = sformat( '%d', key )
			elseif type( key ) ~= 'string' then
				return nil
			end
			local v = argCache[key]
			if v == nil and not known then
				known = {}
				local names = call( 'argNames', frameId )
				for i = 1, #names do
					known[names[i]] = true
				end
			end
			if v == nil and not known[key] then
				return nil
			end
			if v == nil then
				v = call( 'getArg', frameId, key )
				if v == nil then
					v = false
				end
				argCache[key] = v
			end
			return v or nil
		end
		local function allArgs()
			local names = call( 'argNames', frameId )
			local out = {}
			for i = 1, #names do
				local v = args[names[i]]
				if v ~= nil then
					out[argKey( names[i] )] = v
				end
			end
			return out
		end
		argMeta.__pairs = function ()
			return next, allArgs(), nil
		end
		argMeta.__ipairs = function ( t )
			local i = 0
			return function ()
				i = i + 1
				local v = t[i]
				if v ~= nil then
					return i, v
				end
			end, t, 0
		end
		setmetatable( args, argMeta )
		frame.args = args

		function frame:getParent()
			local parentId = call( 'parentFrame', frameId )
			if parentId == nil then
				return nil
			end
			return newFrame( parentId )
		end

		function frame:getTitle()
			return call( 'frameTitle', frameId )
		end

		function frame:argumentPairs()
			return pairs( self.args )
		end

		function frame:getArgument( opt )
			local name = opt
			if type( opt ) == 'table' then
				name = opt.name
			end
			return {
				expand = function ()
					return args[name]
				end,
			}
		end

		function frame:preprocess( opt )
			local text = opt
			if type( opt ) == 'table' then
				text = opt.text
			end
			if type( text ) == 'number' then
				text = tostring( text )
			end
			if type( text ) ~= 'string' then
				error( "frame:preprocess: text must be a string", 2 )
			end
			return call( 'preprocess', frameId, text )
		end

		local function stringArgs( given, what )
			local out = {}
			if given == nil then
				return out
			end
			if type( given ) ~= 'table' then
				error( what .. ': args must be a table', 3 )
			end
			for k, v in pairs( given ) do
				local tk, tv = type( k ), type( v )
				if tk ~= 'string' and tk ~= 'number' then
					error( what .. ': arg keys must be strings or numbers, ' .. tk .. ' given', 3 )
				end
				if tv == 'number' or tv == 'boolean' then
					v = tostring( v )
				elseif tv ~= 'string' then
					error( what .. ': invalid type ' .. tv .. ' for arg \'' .. tostring( k ) .. '\'', 3 )
				end
				out[#out + 1] = { tostring( k ), v }
			end
			return out
		end

		function frame:expandTemplate( opt )
			if type( opt ) ~= 'table' then
				error( 'frame:expandTemplate: the first parameter must be a table', 2 )
			end
			local title = opt.title
			if type( title ) == 'table' and title.prefixedText then
				if title.namespace == 0 then
					title = ':' .. title.prefixedText
				else
					title = title.prefixedText
				end
			end
			if type( title ) ~= 'string' then
				error( 'frame:expandTemplate: a title is required', 2 )
			end
			return call( 'expandTemplate', frameId, title, stringArgs( opt.args, 'frame:expandTemplate' ) )
		end

		function frame:callParserFunction( name, ... )
			local fargs
			if type( name ) == 'table' then
				fargs = name.args
				name = name.name
				if type( fargs ) ~= 'table' then
					fargs = { fargs }
				end
			elseif select( '#', ... ) == 1 and type( ( ... ) ) == 'table' then
				fargs = ...
			else
				fargs = { ... }
			end
			if type( name ) ~= 'string' then
				error( 'frame:callParserFunction: function name must be a string', 2 )
			end
			local positional, named = {}, {}
			for k, v in pairs( fargs ) do
				if type( v ) == 'number' then
					v = tostring( v )
				end
				if type( k ) == 'number' then
					positional[#positional + 1] = { k, v }
				else
					named[#named + 1] = { k, v }
				end
			end
			tsort( positional, function ( a, b ) return a[1] < b[1] end )
			local list = {}
			for _, p in ipairs( positional ) do
				list[#list + 1] = { '', p[2] }
			end
			for _, p in ipairs( named ) do
				list[#list + 1] = { tostring( p[1] ), p[2] }
			end
			return call( 'callParserFunction', frameId, name, list )
		end

		function frame:extensionTag( name, content, attrs )
			if type( name ) == 'table' then
				content = name.content
				attrs = name.args
				name = name.name
			end
			local fargs = { content or '' }
			if type( attrs ) == 'table' then
				for k, v in pairs( attrs ) do
					if type( k ) == 'string' then
						fargs[k] = v
					end
				end
			elseif attrs ~= nil then
				error( 'frame:extensionTag: args must be a table', 2 )
			end
			table.insert( fargs, 1, name )
			return self:callParserFunction( '#tag', fargs )
		end

		function frame:newChild( opt )
			if type( opt ) ~= 'table' then
				error( 'frame:newChild: the first parameter must be a table', 2 )
			end
			local title = opt.title
			if type( title ) == 'table' and title.prefixedText then
				title = title.prefixedText
			end
			if title ~= nil and type( title ) ~= 'string' then
				error( 'frame:newChild: title must be a string', 2 )
			end
			return newFrame( call( 'newChild', frameId, title or false,
				stringArgs( opt.args, 'frame:newChild' ) ) )
		end

		function frame:newParserValue( opt )
			local text = type( opt ) == 'table' and opt.text or opt
			return {
				expand = function ()
					return frame:preprocess( text )
				end,
			}
		end

		function frame:newTemplateParserValue( opt )
			if type( opt ) ~= 'table' then
				error( 'frame:newTemplateParserValue: the first parameter must be a table', 2 )
			end
			return {
				expand = function ()
					return frame:expandTemplate( opt )
				end,
			}
		end

		frames[frameId] = frame
		return frame
	end
	page.newFrame = newFrame

	-- require and the data loaders ------------------------------------------------------

	local builtins = {}
	page.builtinCache = {}

	local function loadBuiltin( name )
		local cached = page.builtinCache[name]
		if cached ~= nil then
			return cached
		end
		local build = libs['lib.' .. name]
		if not build then
			return nil
		end
		local value = build( mw, page, rt, env )
		if name ~= 'strict' then
			page.builtinCache[name] = value
		end
		return value
	end

	local function loadModule( name, what )
		local title, source = call( 'moduleSource', name )
		if title == nil then
			return nil
		end
		local loaded = page.loaded
		local have = loaded[title]
		if have == 'loading' then
			error( "loop or previous error loading module '" .. name .. "'", 3 )
		end
		if have ~= nil then
			return have, title
		end
		local entry, err = rt.compile( title, source )
		if not entry then
			error( err, 0 )
		end
		loaded[title] = 'loading'
		local ok, value = pcall( rt.runChunk, entry, rt.newEnv() )
		if not ok then
			loaded[title] = nil
			error( value, 0 )
		end
		if value == nil then
			value = true
		end
		loaded[title] = value
		return value, title
	end

	function env.require( name )
		if type( name ) == 'number' then
			name = tostring( name )
		end
		if type( name ) ~= 'string' then
			error( "bad argument #1 to 'require' (string expected, got " .. type( name ) .. ")", 2 )
		end
		local loaded = page.loaded
		if loaded[name] ~= nil then
			return loaded[name]
		end
		local value = loadBuiltin( name )
		if value ~= nil then
			loaded[name] = value
			return value
		end
		value = loadModule( name )
		if value == nil then
			error( "module '" .. name .. "' not found", 2 )
		end
		loaded[name] = value
		return value
	end

	-- read-only views of loaded data: one proxy per table, shared by every caller
	local function dataProxy( data, what )
		local proxies = setmetatable( {}, { __mode = 'k' } )
		local function wrap( v )
			if type( v ) ~= 'table' then
				return v
			end
			local p = proxies[v]
			if p then
				return p
			end
			p = {}
			proxies[v] = p
			setmetatable( p, {
				__index = function ( _, k )
					return wrap( v[k] )
				end,
				__newindex = function ()
					error( 'table from ' .. what .. ' is read-only', 2 )
				end,
				__pairs = function ()
					return function ( _, k )
						local nk, nv = next( v, k )
						return nk, wrap( nv )
					end, p, nil
				end,
				__ipairs = function ()
					local i = 0
					return function ()
						i = i + 1
						local x = v[i]
						if x ~= nil then
							return i, wrap( x )
						end
					end, p, 0
				end,
				__metatable = false,
			} )
			return p
		end
		return wrap( data )
	end

	local function checkData( value, seen )
		local tp = type( value )
		if tp == 'table' then
			if seen[value] then
				return
			end
			seen[value] = true
			if getmetatable( value ) ~= nil then
				error( 'data for mw.loadData contains a table with a metatable', 0 )
			end
			for k, v in next, value do
				if type( k ) == 'table' then
					error( 'data for mw.loadData contains a table as a key', 0 )
				end
				checkData( k, seen )
				checkData( v, seen )
			end
		elseif tp ~= 'string' and tp ~= 'number' and tp ~= 'boolean' and tp ~= 'nil' then
			error( "data for mw.loadData contains unsupported data type '" .. tp .. "'", 0 )
		end
	end

	local realSetmetatable = setmetatable
	env.setmetatable = function ( t, mt )
		local old = getmetatable( t )
		if old == false then
			error( 'cannot change a protected metatable', 2 )
		end
		return realSetmetatable( t, mt )
	end

	function mw.loadData( name )
		checkType( 'mw.loadData', 1, name, 'string' )
		local cache = page.loadDataCache
		if cache[name] ~= nil then
			return dataProxy( cache[name], 'mw.loadData' )
		end
		-- a data module runs outside the caller's require cache, in a fresh environment
		local title, source = call( 'moduleSource', name )
		if title == nil then
			error( "module '" .. name .. "' not found", 2 )
		end
		local entry, err = rt.compile( title, source )
		if not entry then
			error( err, 0 )
		end
		local data = rt.runChunk( entry, rt.newEnv() )
		if type( data ) ~= 'table' then
			error( title .. ' returned ' .. type( data ) .. ', table expected', 2 )
		end
		checkData( data, {} )
		cache[name] = data
		return dataProxy( data, 'mw.loadData' )
	end

	function mw.loadJsonData( name )
		checkType( 'mw.loadJsonData', 1, name, 'string' )
		local key = 'json:' .. name
		local cache = page.loadDataCache
		if cache[key] ~= nil then
			return dataProxy( cache[key], 'mw.loadJsonData' )
		end
		local text = call( 'jsonPage', name )
		if text == nil then
			error( "bad argument #1 to 'mw.loadJsonData' ('" .. name .. "' is not a valid JSON page)", 2 )
		end
		local data = call( 'jsonDecode', text, 0 )
		cache[key] = data
		return dataProxy( data, 'mw.loadJsonData' )
	end

	-- the libraries ------------------------------------------------------------------------

	page.rt = {
		unstrip = function ( s ) return call( 'unstrip', s, 'all' ) end,
		unstripNoWiki = function ( s ) return call( 'unstrip', s, 'nowiki' ) end,
		killMarkers = function ( s ) return call( 'unstrip', s, 'kill' ) end,
		checkType = checkType,
		call = call,
	}

	for _, name in ipairs( libs.order ) do
		local build = libs[name]
		if build then
			local key = smatch( name, '^mw%.(.*)$' )
			local value = build( mw, libs.py[name], page.rt, page, rt )
			if key then
				mw[key] = value
			end
		end
	end
end
