-- libraryUtil: argument checks for library code (Scribunto reference manual, "libraryUtil").
-- Written for wikibio.  Each builtin chunk returns function(mw, page, rt, env) -> module.
return function ()
	local util = {}
	local type, error, tostring, select = type, error, tostring, select
	local format, concat = string.format, table.concat

	function util.checkType( name, argIdx, arg, expectType, nilOk )
		if arg == nil and nilOk then
			return
		end
		if type( arg ) ~= expectType then
			error( format( "bad argument #%d to '%s' (%s expected, got %s)",
				argIdx, name, expectType, type( arg ) ), 3 )
		end
	end

	function util.checkTypeMulti( name, argIdx, arg, expectTypes )
		local argType = type( arg )
		for _, t in ipairs( expectTypes ) do
			if argType == t then
				return
			end
		end
		local n = #expectTypes
		local typeList
		if n > 1 then
			typeList = concat( expectTypes, ', ', 1, n - 1 ) .. ' or ' .. expectTypes[n]
		else
			typeList = expectTypes[1]
		end
		error( format( "bad argument #%d to '%s' (%s expected, got %s)",
			argIdx, name, typeList, argType ), 3 )
	end

	function util.checkTypeForIndex( index, value, expectType )
		if type( value ) ~= expectType then
			error( format( "value for index '%s' must be %s, %s given",
				index, expectType, type( value ) ), 3 )
		end
	end

	function util.checkTypeForNamedArg( name, argName, arg, expectType, nilOk )
		if arg == nil and nilOk then
			return
		end
		if type( arg ) ~= expectType then
			error( format( "bad named argument %s to '%s' (%s expected, got %s)",
				argName, name, expectType, type( arg ) ), 3 )
		end
	end

	function util.makeCheckSelfFunction( libraryName, varName, selfObj, selfObjDesc )
		return function ( self, method )
			if self ~= selfObj then
				error( format(
					"%s: invalid %s. Did you call %s with a dot instead of a colon, i.e. " ..
					"%s.%s() instead of %s:%s()?",
					libraryName, selfObjDesc, method, varName, method, varName, method ), 3 )
			end
		end
	end

	return util
end
