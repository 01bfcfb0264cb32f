-- wikibio's Scribunto runtime: the sandbox, the frame, require and mw.loadData.
--
-- Written for wikibio from the Scribunto reference manual (not from Scribunto's code).
-- This chunk runs once per process with the interpreter's real globals; it returns
-- boot(host, libs), which captures what it needs and returns the engine table.  Modules
-- never see these globals: each page gets a fresh base environment, each #invoke and each
-- require'd module a shallow copy of it (Scribunto's "invoke instance isolation").

local real = {
	string = string, table = table, math = math, os = os, debug = debug,
	pcall = pcall, xpcall = xpcall, error = error, type = type, next = next,
	pairs = pairs, ipairs = ipairs, select = select, tostring = tostring,
	tonumber = tonumber, rawget = rawget, rawset = rawset, rawequal = rawequal,
	setmetatable = setmetatable, getmetatable = getmetatable, unpack = unpack,
	setfenv = setfenv, getfenv = getfenv, loadstring = loadstring, assert = assert,
	coroutine = coroutine, collectgarbage = collectgarbage,
}
local type, pairs, next, error, select, tostring = type, pairs, next, error, select, tostring
local rawget, rawset, setmetatable, getmetatable = rawget, rawset, setmetatable, getmetatable
local sformat, sfind, ssub, sgsub, smatch = string.format, string.find, string.sub, string.gsub, string.match
local tconcat, tinsert = table.concat, table.insert
local clock = os.clock

local TIMEOUT = 'The time allocated for running scripts has expired.'
local NOMEM = 'not enough memory'

return function ( host, libs )
	local engine = {}
	local fatal = nil          -- a limit that pcall may not catch
	local deadline = math.huge
	local page = nil            -- the current page's state

	-- host functions return (true, value...) or (false, message): errors become Lua errors
	local function call( name, ... )
		local f = host[name]
		local function pass( ok, ... )
			if not ok then
				error( ..., 3 )
			end
			return ...
		end
		return pass( f( ... ) )
	end

	local function hook()
		if clock() > deadline then
			fatal = TIMEOUT
			error( TIMEOUT, 0 )
		end
	end

	local function checkFatal( ok, ... )
		if fatal then
			error( fatal, 0 )
		end
		if not ok and ... == NOMEM then
			fatal = NOMEM
			error( NOMEM, 0 )
		end
		return ok, ...
	end

	local function copy( t )
		local out = {}
		for k, v in next, t do
			out[k] = v
		end
		return out
	end

	-- pairs/ipairs that honour __pairs/__ipairs (Lua 5.2 behaviour Scribunto provides)
	local rawmeta = debug.getmetatable
	local function sandboxPairs( t )
		local mt = rawmeta( t )
		local f = mt and rawget( mt, '__pairs' )
		if f then
			local a, b, c = f( t )
			return a, b, c
		end
		return pairs( t )
	end
	local function sandboxIpairs( t )
		local mt = rawmeta( t )
		local f = mt and rawget( mt, '__ipairs' )
		if f then
			local a, b, c = f( t )
			return a, b, c
		end
		return real.ipairs( t )
	end

	-- tostring without addresses, as Scribunto shows tables and functions
	local function sandboxTostring( v )
		local tp = type( v )
		if tp == 'table' then
			local mt = getmetatable( v )
			if mt and rawget( mt, '__tostring' ) then
				return tostring( v )
			end
			return 'table'
		elseif tp == 'function' or tp == 'thread' or tp == 'userdata' then
			return tp
		end
		return tostring( v )
	end

	local function sandboxGetmetatable( v )
		if type( v ) ~= 'table' then
			return nil
		end
		return getmetatable( v )
	end

	local function sandboxUnpack( t, i, j )
		if type( t ) ~= 'table' then
			error( "bad argument #1 to 'old_unpack' (table expected, got " .. type( t ) .. ")", 2 )
		end
		i = i or 1
		j = j or #t
		if j - i >= 7999 then
			error( 'too many results to unpack', 2 )
		end
		return real.unpack( t, i, j )
	end

	-- setfenv/getfenv that never reach an environment outside the sandbox: protected
	-- environments (the interpreter's own, a page's base) and protected functions
	local function makeProtectedEnvFuncs( protectedEnvs, protectedFunctions )
		local function getf( f )
			if f == nil then
				f = 1
			end
			local env
			if type( f ) == 'number' then
				if f <= 0 then
					error( "'getfenv' cannot get the global environment", 2 )
				end
				env = real.getfenv( f + 1 )
			elseif type( f ) == 'function' then
				if protectedFunctions[f] then
					return nil
				end
				env = real.getfenv( f )
			else
				error( "'getfenv' can only be called with a function or integer as the first argument", 2 )
			end
			if protectedEnvs[env] then
				return nil
			end
			return env
		end
		local function setf( f, env )
			if type( f ) == 'number' then
				if f <= 0 then
					error( "'setfenv' cannot set the global environment, it is protected", 2 )
				end
				if f > 10 then
					error( "'setfenv' cannot set an environment at a level greater than 10", 2 )
				end
				local old = real.getfenv( f + 1 )
				if old == nil or protectedEnvs[old] then
					error( "'setfenv' cannot set the requested environment, it is protected", 2 )
				end
				return real.setfenv( f + 1, env )
			elseif type( f ) == 'function' then
				if protectedFunctions[f] then
					error( "'setfenv' cannot be called on a protected function", 2 )
				end
				local old = real.getfenv( f )
				if protectedEnvs[old] then
					error( "'setfenv' cannot set the requested environment, it is protected", 2 )
				end
				return real.setfenv( f, env )
			end
			error( "'setfenv' can only be called with a function or integer as the first argument", 2 )
		end
		return setf, getf
	end

	local stringLib = copy( string )
	stringLib.dump = nil
	local stringMeta = getmetatable( '' )

	local protectedEnvs = setmetatable( {}, { __mode = 'k' } )
	protectedEnvs[_G] = true
	local protectedFunctions = setmetatable( {}, { __mode = 'k' } )

	-- compiled module chunks, by title and source; a chunk running now is compiled again
	local compiled = {}

	local function compile( title, source )
		local entry = compiled[title]
		if entry and entry.source == source and not entry.busy then
			return entry
		end
		local fn, err = real.loadstring( source, '=' .. title )
		if not fn then
			return nil, err
		end
		entry = { fn = fn, source = source, busy = false }
		if not compiled[title] or not compiled[title].busy then
			compiled[title] = entry
		end
		return entry
	end

	local function runChunk( entry, env )
		real.setfenv( entry.fn, env )
		entry.busy = true
		local function done( ok, ... )
			entry.busy = false
			if not ok then
				error( ..., 0 )
			end
			return ...
		end
		return done( real.pcall( entry.fn ) )
	end

	-- a fresh copy of the page's base environment (one per #invoke and per module)
	local function newEnv()
		local env = copy( page.base )
		env._G = env
		env.package = page.package
		return env
	end

	-- a fresh require cache (Scribunto runs required modules once per #invoke)
	local function newLoaded()
		local base = page.base
		page.loaded = {
			string = base.string, table = base.table, math = base.math, os = base.os,
			debug = base.debug, coroutine = base.coroutine,
		}
		page.package = { loaded = page.loaded, preload = {} }
		page.loaded.package = page.package
	end
	engine.newEnv = newEnv

	-- one page: fresh mw tables and caches
	function engine.newPage( limits )
		fatal = nil
		page = {
			loadDataCache = {},
			limits = limits,
			expensive = 0,
		}
		local base = {}
		local env = base
		env._VERSION = _VERSION
		for _, name in real.ipairs{ 'assert', 'error', 'next', 'rawequal', 'rawget', 'rawset',
			'select', 'setmetatable', 'tonumber', 'type' } do
			env[name] = real[name]
		end
		env.pairs = sandboxPairs
		env.ipairs = sandboxIpairs
		env.tostring = sandboxTostring
		env.getmetatable = sandboxGetmetatable
		env.unpack = sandboxUnpack
		env.pcall = function ( f, ... )
			return checkFatal( real.pcall( f, ... ) )
		end
		env.xpcall = function ( f, handler )
			return checkFatal( real.xpcall( f, function ( e )
				if fatal then
					return fatal
				end
				return handler( e )
			end ) )
		end
		env.collectgarbage = function ( opt )
			if opt == 'count' then
				return real.collectgarbage( 'count' )
			end
			return 0
		end
		env.string = copy( stringLib )
		env.table = copy( table )
		env.math = copy( math )
		env.coroutine = copy( coroutine )
		env.os = { time = os.time, clock = os.clock, date = os.date, difftime = os.difftime }
		env.debug = { traceback = debug.traceback }
		env.setfenv, env.getfenv = makeProtectedEnvFuncs( protectedEnvs, protectedFunctions )
		env._G = env
		protectedEnvs[base] = true
		-- string methods ("x"):len() are the standard ones, whatever a module adds to `string`
		stringMeta.__index = stringLib
		page.base = base
		newLoaded()
		base.package = page.package

		local mw = {}
		env.mw = mw
		page.mw = mw
		libs.mw( mw, page, libs, {
			call = call, env = env, copy = copy, compile = compile, runChunk = runChunk,
			makeProtectedEnvFuncs = makeProtectedEnvFuncs, protectedEnvs = protectedEnvs,
			protectedFunctions = protectedFunctions, pairs = sandboxPairs,
			tostring = sandboxTostring, loadstring = real.loadstring, setfenv = real.setfenv,
			newEnv = function () return engine.newEnv() end, host = host,
		} )
		return page
	end

	local function toText( ... )
		local n = select( '#', ... )
		local parts = {}
		for i = 1, n do
			local v = select( i, ... )
			if v ~= nil then
				parts[#parts + 1] = sandboxTostring( v )
			end
		end
		return tconcat( parts )
	end

	-- {{#invoke:}}: run function `name` of module `title` with the module frame `frameId`.
	-- Returns (true, text) or (false, kind, message).  The CPU budget is the page's: the
	-- outermost invoke arms the hook; one nested through frame:preprocess shares it.
	local depth = 0
	local function enter( seconds )
		depth = depth + 1
		if depth == 1 then
			page.started = clock()
			deadline = page.started + seconds - ( page.used or 0 )
			debug.sethook( hook, '', 1000 )
		end
		local saved = { page.loaded, page.package, page.currentFrame }
		newLoaded()
		return saved
	end
	local function leave( saved )
		page.loaded, page.package, page.currentFrame = saved[1], saved[2], saved[3]
		depth = depth - 1
		if depth == 0 then
			debug.sethook()
			deadline = math.huge
			page.used = ( page.used or 0 ) + clock() - page.started
		end
	end

	function engine.invoke( title, source, name, frameId, seconds )
		if fatal then
			return false, 'lua', fatal
		end
		local saved = enter( seconds )
		local ok, kind, message = real.pcall( function ()
			local entry, err = compile( title, source )
			if not entry then
				error( err, 0 )
			end
			local env = newEnv()
			page.loaded._G = env
			page.loaded[title] = 'loading'
			local exports = runChunk( entry, env )
			page.loaded[title] = exports == nil and true or exports
			if type( exports ) ~= 'table' then
				return 'notable'
			end
			local fn = exports[name]
			if fn == nil then
				return 'nosuchfunction'
			elseif type( fn ) ~= 'function' then
				local mt = getmetatable( fn )
				if not ( mt and mt.__call ) then
					return 'notafunction'
				end
			end
			local frame = page.newFrame( frameId )
			page.currentFrame = frame
			return 'ok', toText( fn( frame ) )
		end )
		leave( saved )
		if fatal then
			return false, 'lua', fatal
		end
		if not ok then
			if type( kind ) ~= 'string' then
				kind = sandboxTostring( kind )
			end
			return false, 'lua', kind
		end
		if kind ~= 'ok' then
			return false, kind, ''
		end
		return true, message
	end

	-- run a chunk against the page and call fn(value, ...) (the conformance runner's entry)
	function engine.run( title, source, seconds, frameId, fn, ... )
		local args = { ... }
		local n = select( '#', ... )
		local saved = enter( seconds )
		if frameId then
			page.currentFrame = page.newFrame( frameId )
		end
		local res = { real.pcall( function ()
			local entry, err = compile( title, source )
			if not entry then
				error( err, 0 )
			end
			local env = newEnv()
			page.loaded._G = env
			local value = runChunk( entry, env )
			if fn then
				return fn( value, real.unpack( args, 1, n ) )
			end
			return value
		end ) }
		leave( saved )
		if fatal then
			return false, fatal
		end
		return real.unpack( res, 1, table.maxn( res ) )
	end

	-- a clean parser for the next test case (the suites' PHP runner uses one per case)
	function engine.resetCounters()
		page.expensive = 0
	end

	function engine.fatal()
		return fatal
	end

	return engine
end
