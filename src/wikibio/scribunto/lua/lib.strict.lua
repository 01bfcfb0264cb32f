-- strict: after `require('strict')`, reading an undeclared global or assigning one outside
-- the main chunk is an error (Scribunto's reference manual, "strict").  Written for wikibio.
return function ( mw, page, rt, env )
	local getinfo, getfenv = debug.getinfo, getfenv
	-- the environment of the module that called require: the first one up the stack
	-- that is not the interpreter's own
	local target
	for level = 3, 30 do
		local ok, e = pcall( getfenv, level )
		if not ok then
			break
		end
		if e ~= _G then
			target = e
			break
		end
	end
	if not target then
		return true
	end
	local declared = {}
	local function what( level )
		local info = getinfo( level, 'S' )
		return info and info.what or 'C'
	end
	setmetatable( target, {
		__newindex = function ( t, k, v )
			if not declared[k] then
				local w = what( 3 )
				if w ~= 'main' and w ~= 'C' then
					error( "assign to undeclared variable '" .. tostring( k ) .. "'", 2 )
				end
				declared[k] = true
			end
			rawset( t, k, v )
		end,
		__index = function ( t, k )
			if not declared[k] and what( 3 ) ~= 'C' then
				error( "variable '" .. tostring( k ) .. "' is not declared", 2 )
			end
			return nil
		end,
	} )
	return true
end
