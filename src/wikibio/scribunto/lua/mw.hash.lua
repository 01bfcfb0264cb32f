-- mw.hash: hashValue and listAlgorithms (Scribunto reference manual, "Hash library"),
-- computed by Python's hashlib.  Written for wikibio.
return function ( mw, py, rt )
	local hash = {}
	function hash.listAlgorithms()
		return rt.call( 'hashAlgorithms' )
	end
	function hash.hashValue( algo, value )
		rt.checkType( 'hashValue', 1, algo, 'string' )
		rt.checkType( 'hashValue', 2, value, 'string' )
		local ok, result = pcall( rt.call, 'hash', algo, value )
		if not ok then
			error( 'Unknown hashing algorithm: ' .. algo, 2 )
		end
		return result
	end
	return hash
end
